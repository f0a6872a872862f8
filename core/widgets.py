"""Widgets rendered in Python for hot pages.

Django renders each widget, and each <option>, through the template engine; on a list
page's filter panel (ten selects, a hundred options) that alone cost a third of the
request. These produce the same markup with ``format_html`` (every value escaped).
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


class FastSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        selected = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option_value, " selected" if option_value in selected else "", label)
                for option_value, label in (("" if v is None else str(v), label) for v, label in self.choices)
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(final_attrs), options)
