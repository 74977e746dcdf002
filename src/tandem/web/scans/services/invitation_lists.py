"""Reading a list of people to invite: pasted text (addresses as Outlook copies them, a
column pasted from Excel, or ``email,department`` lines), or the text of an uploaded file
(:mod:`.invitation_files`); every wrong entry is named by its line and place, and then
nothing is added.

Nothing is written here: :mod:`.invitations` creates the invitations from the entries.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import getaddresses

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from tandem.io.responses.report import column_letter
from tandem.web.accounts.models import normalise_email
from tandem.web.scans.models import Scan

MAX_INVITATIONS_PER_PASTE = 5000


@dataclass(frozen=True, slots=True)
class InvitationEntry:
    email: str
    department: str


class InvitationListError(ValueError):
    """Lines of a pasted/uploaded list that are wrong; each message names its line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def department_codes(scan: Scan) -> dict[str, str]:
    """Accepted spellings (code, Dutch and English label; lower case) -> department code."""
    item = scan.instrument.item("department")
    assert item.options is not None
    spellings: dict[str, str] = {}
    for option in item.options.options:
        for name in (option.code, option.label.nl, option.label.en):
            spellings[name.strip().lower()] = option.code
    return spellings


@dataclass(frozen=True, slots=True)
class InvitationList:
    """The people of a list, each once; ``duplicates`` counts the addresses given again
    (case ignored), which were left out."""

    entries: list[InvitationEntry]
    duplicates: int


def invitation_parse_list(*, scan: Scan, text: str) -> list[InvitationEntry]:
    """The people of a list, each once (see :func:`invitation_read_list`)."""
    return invitation_read_list(scan=scan, text=text).entries


def invitation_read_list(*, scan: Scan, text: str) -> InvitationList:
    """Read a pasted or uploaded list of people, all or nothing.

    Each line is one of:

    - addresses as Outlook copies them, separated by ``;`` or ``,``: ``Jansen, Piet
      <piet@acme.nl>; "Vries, Anna de" <anna@acme.nl>`` (a name may hold a comma);
    - the classic ``email[,department]`` (``;`` works too), a department after an address
      belonging to it;
    - a row pasted from a spreadsheet (cells separated by tabs, as Excel copies them, and
      as an uploaded workbook's rows are given here): the cell holding an address, and
      the department from the column headed "department"/"afdeling", from the second
      column of a two-column row, or from any cell naming one; other columns (names,
      phone numbers) are ignored.

    A first line naming the columns (``email``, ``E-mailadres``...) is skipped, as are
    blank lines and lines starting with ``#``. An address given twice (case ignored) is
    kept once. Raises :class:`InvitationListError` naming every wrong entry by its line
    and its column or place in the line, and then nothing is to be added.
    """
    reader = _ListReader(department_codes(scan))
    header_seen = False
    for number, raw_line in enumerate(text.splitlines(), start=1):
        line = raw_line.strip().lstrip("\ufeff").strip()
        if not line or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            if reader.read_header(line):
                continue
        reader.read_line(number, line)
    if len(reader.entries) > MAX_INVITATIONS_PER_PASTE:
        reader.problems.append(_("at most %(max)d addresses at a time")
                               % {"max": MAX_INVITATIONS_PER_PASTE})
    if reader.problems:
        raise InvitationListError(reader.problems)
    return InvitationList(list(reader.entries.values()), reader.duplicates)


_HEADER_DEPARTMENTS = ("department", "afdeling", "dept")


def _address(text: str) -> str | None:
    """The one e-mail address in ``text`` (``a@b.nl``, ``Name <a@b.nl>``, ``"Last, First"
    <a@b.nl>``), normalised; None when there is none, more than one, or the parser had to
    guess (its address must stand in the text as written: ``a@b.nl extra`` would read as
    ``a@b.nlextra``)."""
    pairs = getaddresses([text])
    if len(pairs) != 1:
        return None
    address = pairs[0][1]
    if not address or address.lower() not in text.lower():
        return None
    email = normalise_email(address)
    try:
        validate_email(email)
    except ValidationError:
        return None
    return email


def _split_items(line: str) -> list[str]:
    """The entries of a line: split at ``,`` and ``;`` outside quotes and ``<...>``."""
    items: list[str] = []
    current: list[str] = []
    quoted, angle = False, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == "<" and not quoted:
            angle = True
        elif char == ">" and not quoted:
            angle = False
        if char in ",;" and not quoted and not angle:
            items.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    items.append("".join(current).strip())
    return items


def _unquoted(text: str) -> str:
    return text.strip().strip('"').strip()


class _ListReader:
    """What :func:`invitation_read_list` has read so far: the people, each once, and
    every problem."""

    def __init__(self, departments: dict[str, str]) -> None:
        self.departments = departments
        self.department_column: int | None = None
        self.entries: dict[str, InvitationEntry] = {}
        self.first_line: dict[str, int] = {}
        self.duplicates = 0
        self.problems: list[str] = []

    def read_header(self, line: str) -> bool:
        """Whether ``line`` names the columns (then it holds no address but "mail");
        remembers the column headed "department" of a spreadsheet."""
        cells = [_unquoted(c).lower() for c in (line.split("\t") if "\t" in line
                                                 else _split_items(line))]
        if "@" in line or not any("mail" in cell for cell in cells):
            return False
        if "\t" in line:
            self.department_column = next(
                (i for i, cell in enumerate(cells) if cell in _HEADER_DEPARTMENTS), None)
        return True

    def read_line(self, number: int, line: str) -> None:
        if "\t" in line:
            self._read_row(number, line)
        else:
            self._read_items(number, line)

    def _department(self, text: str) -> str | None:
        return self.departments.get(_unquoted(text).lower())

    def _known(self) -> str:
        return ", ".join(sorted(set(self.departments.values())))

    def _read_row(self, number: int, line: str) -> None:
        """A spreadsheet row: the cells with an address, the department's cell."""
        cells = [_unquoted(cell) for cell in line.split("\t")]
        while cells and not cells[-1]:
            cells.pop()
        emails: list[str] = []
        for index, cell in enumerate(cells):
            if "@" not in cell:
                continue
            email = _address(cell)
            if email is None:
                self.problems.append(_("line %(line)d, column %(column)s: “%(value)s” is not "
                                       "an e-mail address")
                                     % {"line": number, "column": column_letter(index),
                                        "value": cell})
            else:
                emails.append(email)
        if not emails:
            if not any("@" in cell for cell in cells):
                shown = " ".join(cell for cell in cells if cell)[:80]
                self.problems.append(_("line %(line)d: no e-mail address in “%(value)s”")
                                     % {"line": number, "value": shown})
            return
        department = self._row_department(number, cells)
        if department is not None:
            for email in emails:
                self._add(number, email, department)

    def _row_department(self, number: int, cells: list[str]) -> str | None:
        """The row's department code ("" for none), or None after naming a problem."""
        others = [(i, cell) for i, cell in enumerate(cells) if cell and "@" not in cell]
        if self.department_column is not None:
            strict = [(i, c) for i, c in others if i == self.department_column]
        elif len(cells) == 2:
            strict = others
        else:  # other columns too: the department is the cell that names one
            return next((code for _i, cell in others
                         if (code := self._department(cell)) is not None), "")
        for index, cell in strict:
            code = self._department(cell)
            if code is None:
                self.problems.append(
                    _("line %(line)d, column %(column)s: unknown department “%(value)s” (use "
                      "one of %(known)s)")
                    % {"line": number, "column": column_letter(index), "value": cell,
                       "known": self._known()})
                return None
            return code
        return ""

    def _read_items(self, number: int, line: str) -> None:
        """Addresses separated by ``,`` or ``;``, each maybe followed by its department."""
        items = [item for item in _split_items(line) if item]
        # (email or None, the item as written, department code) for each entry of the line
        read: list[tuple[str | None, str, str]] = []
        for index, item in enumerate(items):
            email = _address(item) if "@" in item else None
            follows_entry = bool(read) and not read[-1][2]  # a department may follow
            if email is not None or "@" in item:
                read.append((email, item, ""))
            elif follows_entry and (code := self._department(item)) is not None:
                read[-1] = (read[-1][0], read[-1][1], code)
            elif (index + 1 < len(items) and "<" in items[index + 1]
                  and _address(items[index + 1]) is not None):
                continue  # "Jansen, Piet <piet@...>": the first half of a name
            elif follows_entry and len(items) == 2:
                self.problems.append(
                    _("line %(line)d: unknown department “%(value)s” (use one of %(known)s)")
                    % {"line": number, "value": _unquoted(item), "known": self._known()})
                return
            else:
                read.append((None, item, ""))
        for place, (email, item, department) in enumerate(read, start=1):
            if email is None:
                where = (_("line %(line)d") % {"line": number} if len(read) == 1
                         else _("line %(line)d, entry %(entry)d")
                         % {"line": number, "entry": place})
                self.problems.append(_("%(where)s: “%(value)s” is not an e-mail address")
                                     % {"where": where, "value": item})
            else:
                self._add(number, email, department)

    def _add(self, number: int, email: str, department: str) -> None:
        """Keep one entry per address; a later department fills an empty one."""
        kept = self.entries.get(email)
        if kept is None:
            self.entries[email] = InvitationEntry(email=email, department=department)
            self.first_line[email] = number
            return
        self.duplicates += 1
        if department and kept.department and department != kept.department:
            self.problems.append(
                _("line %(line)d: %(email)s is already on line %(first)d with another "
                  "department") % {"line": number, "email": email,
                                   "first": self.first_line[email]})
        elif department and not kept.department:
            self.entries[email] = InvitationEntry(email=email, department=department)
