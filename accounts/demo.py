"""The password every demo account shares. Demo accounts exist only with DEBUG on,
so this published password never reaches a real site."""

DEMO_PASSWORD = "kindred-demo-only"
