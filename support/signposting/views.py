from django.http import HttpResponse


def crisis(request):
    return HttpResponse("If you are in danger, call your emergency number.")


def worried(request):
    return HttpResponse("Worried about someone.")
