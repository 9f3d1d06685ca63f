"""Pages of the exams app: angoff (included by urls.py, in the exams namespace)."""

urlpatterns: list = []
