"""A register's column mapping (`factoid ingest --mapping FILE`): which column holds which part
of a name or of a fact. A JSON or TOML file:

    {"columns": {"surname": "Фамилия", "given": "Имя", "patronymic": "Отчество",
                 "birth_year": "Год рождения", "birth_place": "Место рождения",
                 "arrest_date": "Дата ареста", "sentence": "Приговор",
                 "execution_date": 9, "rehabilitation_date": "Реабилитация"},
     "delimiter": ";", "sheet": "Лист1", "kind": "memorial database"}

A column is named by its header or by its number (1 is the first). A role is a name part
(surname, given, patronymic, name: a whole name, alias) or a fact: a property of the
vocabulary alone ("sentence", "party") or with the field the column fills ("birth_place",
"position_start"); "<property>_year" is its date. The other keys are optional: the delimiter
(else sniffed), the XLSX sheet (else the first), and metadata every row's document carries.
"""
from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass

from factoid.errors import FactoidError
from factoid.model import PROPERTIES

NAME_ROLES = ("surname", "given", "patronymic", "name", "alias")
FIELDS = ("date", "start", "end", "place", "object", "note")
# what a column named by its property alone fills
_DEFAULT_FIELD = {"sentence": "note", "residence": "place", "burial": "place", "emigration": "place",
                  **{p: "object" for p in ("alias", "parent", "child", "sibling", "spouse", "education", "party",
                                           "membership", "position", "employment", "nationality", "founded")}}
_METADATA = ("title", "author", "date", "url", "kind", "language")


@dataclass(frozen=True)
class Mapping:
    path: str
    columns: tuple[tuple[str, str | int], ...]   # (role, header or 1-based number), as written
    delimiter: str | None = None
    sheet: str | None = None
    metadata: tuple[tuple[str, str], ...] = ()


def fact_role(role: str) -> tuple[str, str] | None:
    """(property, field) a fact role fills, or None for a name role."""
    if role in NAME_ROLES:
        return None
    if role in PROPERTIES:
        return role, _DEFAULT_FIELD.get(role, "date")
    prop, _, fld = role.rpartition("_")
    if prop in PROPERTIES and fld == "year":
        return prop, "date"
    if prop in PROPERTIES and fld in FIELDS:
        return prop, fld
    raise ValueError(role)


def load_mapping(path: str) -> Mapping:
    """The mapping in `path`, or FactoidError saying in one line what is wrong with it."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise FactoidError(f"{path}: cannot read the mapping: {e.strerror or e}") from None
    try:
        spec = tomllib.loads(data.decode("utf-8")) if path.lower().endswith(".toml") else json.loads(data)
    except (ValueError, UnicodeDecodeError) as e:  # JSONDecodeError and TOMLDecodeError are ValueErrors
        raise FactoidError(f"{path}: not a valid mapping file ({' '.join(str(e).split())[:200]})") from None
    columns = spec.get("columns") if isinstance(spec, dict) else None
    if not isinstance(columns, dict) or not columns:
        raise FactoidError(f'{path}: a mapping needs "columns": {{role: column header or number}}')
    for role, column in columns.items():
        try:
            fact_role(role)
        except ValueError:
            known = ", ".join(NAME_ROLES) + ", or a property (" + ", ".join(PROPERTIES) + ") with _" + "/_".join(FIELDS)
            raise FactoidError(f"{path}: unknown role {role!r}; roles are {known}") from None
        if not (isinstance(column, str) and column.strip()) and not (type(column) is int and column > 0):
            raise FactoidError(f"{path}: the column of {role!r} must be a header or a number from 1")
    if not any(role in NAME_ROLES[:4] for role in columns):
        raise FactoidError(f"{path}: a mapping needs a name column (surname, given or name)")
    delimiter = spec.get("delimiter")
    if delimiter is not None and not (isinstance(delimiter, str) and len(delimiter) == 1):
        raise FactoidError(f"{path}: the delimiter must be one character")
    sheet = spec.get("sheet")
    metadata = tuple((k, str(spec[k])) for k in _METADATA if isinstance(spec.get(k), (str, int)))
    return Mapping(path, tuple(columns.items()), delimiter, sheet if isinstance(sheet, str) else None, metadata)
