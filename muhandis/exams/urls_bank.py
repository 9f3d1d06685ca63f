"""Pages of the exams app: bank (included by urls.py, in the exams namespace)."""

urlpatterns: list = []
