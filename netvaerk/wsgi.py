import os

from django.core.wsgi import get_wsgi_application

from netvaerk.checks import require_production_settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netvaerk.settings")

require_production_settings()
application = get_wsgi_application()
