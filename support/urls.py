from support import live_urls
from support.groups import urls as groups_urls
from support.signposting import urls as signposting_urls
from support.training import urls as training_urls

app_name = "support"

urlpatterns = [
    *signposting_urls.urlpatterns,
    *groups_urls.urlpatterns,
    *training_urls.urlpatterns,
    *live_urls.urlpatterns,
]
