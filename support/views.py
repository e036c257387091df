from django.http import HttpResponse


def request_start(request):
    return HttpResponse("Live support opens soon.")
