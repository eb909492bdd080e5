"""Readable names for the rows Django makes for plain many-to-many fields.

A plain ManyToManyField gets an auto-created "through" model, named like
"Term_example_products" and shown as "Term_example_products object (28)" where the admin
lists what a delete takes along. Making each an explicit model would mean migrating live
tables; naming them is all the admin needs.
"""


def name_through_rows(field, verbose_name, describe):
    """field: the ManyToManyField (e.g. Term.example_products.field); describe(row) -> str."""
    through = field.remote_field.through
    through._meta.verbose_name = verbose_name
    through._meta.verbose_name_plural = verbose_name
    through.__str__ = describe
