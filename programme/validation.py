"""Invariants on input that hold for every app's models, whatever writes them.

Two rules live here, installed once by programme's AppConfig.ready:

- **Text that XML can hold.** Before any model of the project's apps is saved, every text
  column (CharField, TextField and their kinds) is cleaned with programme.text.strip_xml_illegal.
  It strips rather than refuses: the characters come from pasting out of Word or Excel (a
  vertical tab for a soft line break), where nobody sees them, so an error about an invisible
  character would only puzzle. Because it is a pre_save signal, forms, the admin, imports and the
  shell all obey it; the few writes that skip save() (bulk_create) call clean_text_fields.
- **Integer look-ups out of range.** An id too large for the database (99999999999999999999 in a
  multiple choice) made SQLite raise OverflowError in an ``__in`` look-up, a server error. Django
  already treats such values as matching nothing for ``exact`` and comparisons; IntegerFieldIn
  does the same for ``in``, so a form reports the value as not one of the choices.
"""

from django.db.models import IntegerField, signals
from django.db.models.lookups import In

from programme.text import strip_xml_illegal

# By label only: programme imports none of the apps above it.
PROJECT_APPS = frozenset(
    {
        "accounts",
        "programme",
        "pillars",
        "monitor",
        "recognition",
        "support",
        "audit",
        "exit",
        "notifications",
        "statements",
        "sso",
    }
)

_TEXT_TYPES = frozenset({"CharField", "TextField"})
_text_fields_cache: dict[type, tuple[str, ...]] = {}


def text_field_names(model) -> tuple[str, ...]:
    """The attribute names of the model's own text columns (every CharField and TextField kind)."""
    names = _text_fields_cache.get(model)
    if names is None:
        names = tuple(
            field.attname
            for field in model._meta.concrete_fields
            if field.get_internal_type() in _TEXT_TYPES
        )
        _text_fields_cache[model] = names
    return names


def clean_text_fields(instance) -> None:
    """Strip the characters XML cannot hold from every text field of the instance, in place."""
    for name in text_field_names(type(instance)):
        value = getattr(instance, name)
        cleaned = strip_xml_illegal(value)
        if cleaned is not value:
            setattr(instance, name, cleaned)


def cleaned(instances):
    """The instances, each cleaned as saving would clean it: for bulk_create, which skips save."""
    for instance in instances:
        clean_text_fields(instance)
        yield instance


def _clean_before_save(sender, instance, raw=False, **kwargs):
    if not raw and sender._meta.app_label in PROJECT_APPS:
        clean_text_fields(instance)


class IntegerFieldIn(In):
    """``in`` for integer columns, leaving out values the database cannot hold."""

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            internal_type = self.lhs.output_field.get_internal_type()
            low, high = connection.ops.integer_field_range(internal_type)
            values = []
            for value in self.rhs:
                if isinstance(value, int) and (
                    (low is not None and value < low) or (high is not None and value > high)
                ):
                    continue  # matches no row, as for exact (IntegerFieldOverflow)
                values.append(value)
            self.rhs = values
        return super().process_rhs(compiler, connection)


def install() -> None:
    """Connect the rules above; called once from programme.apps.ProgrammeConfig.ready."""
    signals.pre_save.connect(_clean_before_save, dispatch_uid="programme.validation.clean_text")
    IntegerField.register_lookup(IntegerFieldIn)
