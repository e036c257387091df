from support import live_urls
from support.signposting import urls as signposting_urls

app_name = "support"

urlpatterns = [*signposting_urls.urlpatterns, *live_urls.urlpatterns]
