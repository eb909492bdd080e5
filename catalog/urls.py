from django.urls import path

from catalog import views

app_name = "catalog"

urlpatterns = [
    path("", views.ProductListView.as_view(), name="product-list"),
    # Fixed paths come before <slug> so a product can never shadow them.
    path("compare/", views.CompareView.as_view(), name="compare"),
    path("vendors/<slug:slug>/", views.VendorDetailView.as_view(), name="vendor-detail"),
    path("<slug:slug>/", views.ProductDetailView.as_view(), name="product-detail"),
]
