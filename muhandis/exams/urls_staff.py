"""Pages of the exams app: staff (included by urls.py, in the exams namespace)."""

urlpatterns: list = []
