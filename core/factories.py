"""What the apps' factory-boy factories share."""


def add_tags(obj, create, extracted, **kwargs):
    """A post-generation hook for django-taggit: SomeFactory(tags=["b2b", "SaaS"])."""
    if create and extracted:
        obj.tags.add(*extracted)
