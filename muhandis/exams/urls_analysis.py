"""Pages of the exams app: analysis (included by urls.py, in the exams namespace)."""

urlpatterns: list = []
