"""Tables in files, as people in Sweden keep them in Excel: reading a ``.csv`` or ``.xlsx`` file into
checked rows, with every problem named by line and column, and writing one. The imports and
exports of initiatives and of indicator values are tables of :class:`Column` in a :class:`Layout`.

**The format.** The first row names the columns (the headers the export writes, or any of their
aliases, in any case, in any order; a column that is not required may be left out). Line numbers
count rows as a spreadsheet shows them: the header is line 1, whatever line breaks the cells hold.

**CSV** is what Excel writes in Sweden: ``;`` between cells (``,`` and tab are recognised from the
header line too), quotes around cells with ``;``, quotes or line breaks, UTF-8 with or without a
byte-order mark, or Windows-1252. The export writes UTF-8 with a byte-order mark (so that Excel
shows å, ä and ö), CRLF line ends, and decimal numbers with a decimal comma. A text cell that would
start a formula in a spreadsheet (``=``, ``+``, ``-``, ``@``) is written with a ``'`` before it,
and one leading ``'`` is dropped on reading, as Excel does.

**XLSX** is read from its first sheet, with the same columns; dates and numbers may be date and
number cells. A file that unpacks to more than :data:`MAX_XLSX_UNPACKED` bytes is refused before it
is opened (a small upload must not unpack into gigabytes).

**Width.** A row may have at most :data:`COLUMNS_FACTOR` times as many columns as its format
(:attr:`Layout.max_columns`; empty cells at a row's end do not count). A wider file is refused
as soon as such a row is read, with one problem that names the limit: a header of 100,000 unknown
columns once held a worker for seconds while each column was reported on its own.
"""
import csv
import io
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import chain
from typing import Callable

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from stdnum.se import orgnr

from .forms import has_control_characters

#: a cell whose value could not be read (its problem is reported already)
FAILED = object()
#: the file kinds, by extension
FORMATS = ("csv", "xlsx")
#: more data rows than this in one file are refused (an upload is at most 1 MiB anyway)
MAX_ROWS = 20_000
#: an XLSX file whose parts unpack to more than this is refused unopened
MAX_XLSX_UNPACKED = 50 * 1024 * 1024
#: a row may have at most this many times the columns of its format (a spreadsheet may carry some
#: empty or extra columns beside the table, never thousands): :attr:`Layout.max_columns`
COLUMNS_FACTOR = 4
#: a CSV cell longer than this stops the reading (the longest column takes 20,000 characters)
MAX_CELL = 100_000
#: the first characters of a formula in a spreadsheet, escaped with ``'`` in a CSV file
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: the escape a CSV cell gets before a formula's first character (or before a ``'`` of its own)
GUARD = "'"


class Invalid(ValueError):
    """A cell's value is not what its column takes; ``message`` says why (a lazy translation)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class Problem:
    """A reason a file cannot be imported: where (line and column, as the file names it) and why."""

    line: int | None
    column: str | None
    message: object

    def __str__(self):
        where = ", ".join(part for part in (f"line {self.line}" if self.line else "",
                                            f"column {self.column}" if self.column else "") if part)
        return f"{where}: {self.message}" if where else str(self.message)


class FileProblem(Exception):
    """The file as a whole cannot be read (not a spreadsheet, a required column missing …);
    ``unknown`` names the columns it has that the format does not, which an import may ignore."""

    def __init__(self, problems, unknown=()):
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = list(problems)
        self.unknown = tuple(unknown)


def _problem(message, line=None, column=None):
    return FileProblem([Problem(line, column, message)])


# ---------------------------------------------------------------------------------------------
# Reading cells
# ---------------------------------------------------------------------------------------------

def as_text(value):
    """A cell as text: an XLSX number or date cell as it would be typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def is_empty(value):
    return as_text(value).strip() == ""


def newlines(text):
    return text.replace("\r\n", "\n").replace("\r", "\n")


def checked(text, max_length, multiline):
    if has_control_characters(text, multiline):
        if multiline:
            raise Invalid(_l("The text contains an invisible control character (such as a NUL byte). Remove it."))
        raise Invalid(_l("The text contains a line break or an invisible control character; this column takes "
                         "one line."))
    if len(text) > max_length:
        raise Invalid(_l("The text is %(length)d characters long; at most %(max)d are allowed.",
                         length=len(text), max=max_length))
    return text


def text(max_length, multiline=False):
    """A text cell: one line (trimmed), or several (kept as written, with ``\\n`` line breaks)."""
    def parse(value):
        value = as_text(value)
        return checked(newlines(value) if multiline else value.strip(), max_length, multiline)
    return parse


def shown(value, length=60):
    """A cell's value in a message, cut short."""
    cell = as_text(value).strip().replace("\n", " ")
    return cell if len(cell) <= length else cell[:length - 1] + "…"


YES = {"ja", "j", "yes", "y", "true", "sant", "1", "x"}
NO = {"nej", "n", "no", "false", "falskt", "0", ""}


def yes_no(value):
    """``ja`` or ``nej`` (also yes/no, 1/0, x), or a boolean cell; an empty cell is no."""
    if isinstance(value, bool):
        return value
    word = as_text(value).strip().casefold()
    if word in YES:
        return True
    if word in NO:
        return False
    raise Invalid(_l("“%(value)s” is not yes or no: write ja or nej.", value=shown(value)))


def org_number(value):
    """A Swedish organisation number, written NNNNNN-NNNN; an empty cell is none."""
    number = as_text(value).strip()
    if not number:
        return None
    if not orgnr.is_valid(number):
        raise Invalid(_l("This is not a valid Swedish organisation number (ten digits, such as 556036-0793)."))
    return orgnr.format(number)


def folded(text_):
    """A name as a look-up compares it: case and spacing ignored."""
    return " ".join(text_.casefold().split())


def translated(vocabulary):
    """key -> (Swedish label, English label) of a vocabulary of lazy labels (key -> label)."""
    with force_locale("sv"):
        swedish = {key: str(label) for key, label in vocabulary.items()}
    with force_locale("en"):
        english = {key: str(label) for key, label in vocabulary.items()}
    return {key: (swedish[key], english[key]) for key in vocabulary}


def names_to_keys(labels, former=None):
    """folded name -> key: a vocabulary's keys and their labels (``labels``: key -> names), and
    ``former`` names (key -> names) that older files use."""
    found = {}
    former = former or {}
    for key, names_ in labels.items():
        for name in (key, *names_, *former.get(key, ())):
            found[folded(name)] = key
    return found


def choice(labels, unknown, former=None):
    """A cell that holds one key of a vocabulary, by its key or any of its names; an empty cell
    is none. ``labels()`` gives key -> names (the first is the one a message lists: Swedish);
    ``unknown(value, choices)`` is the message for a word that is none of them."""
    lookup = {}

    def parse(value):
        word = as_text(value).strip()
        if not word:
            return None
        if not lookup:
            lookup.update(names_to_keys(labels(), former))
        key = lookup.get(folded(word))
        if key is None:
            raise Invalid(unknown(shown(word), ", ".join(names_[0] for names_ in labels().values())))
        return key
    return parse


# ---------------------------------------------------------------------------------------------
# The columns of a format
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    #: what the column sets (the importer's name for it)
    key: str
    #: the Swedish header the export writes
    header: str
    #: other headers the import accepts (English, older names)
    aliases: tuple
    #: cell -> value; raises :class:`Invalid`
    parse: Callable
    #: a row's object -> the cell's value (text, a number, a date, or None for an empty cell)
    export: Callable
    #: what the column holds, for the page that explains the format
    help: object
    required: bool = False


def column(key, header, aliases, parse, export, help, **options):
    return Column(key, header, tuple(aliases), parse, export, help, **options)



def header_key(header):
    return " ".join(header.casefold().split())


class Layout:
    """The columns of one format, in the order the export writes them: what a file of it may hold,
    and how its rows are read and written. ``sheet_name`` names the exported workbook's sheet."""

    def __init__(self, columns, sheet_name):
        self.columns = tuple(columns)
        self.sheet_name = sheet_name
        self.by_key = {column.key: column for column in self.columns}
        #: the widest row a file of this format may have
        self.max_columns = COLUMNS_FACTOR * len(self.columns)
        self.headers = {header_key(name): column for column in self.columns
                        for name in (column.header, *column.aliases)}

    def without(self, *keys):
        """The same format with the columns ``keys`` left out (an export for readers who may not
        see them: an import of it leaves those values alone)."""
        return Layout([column for column in self.columns if column.key not in keys], self.sheet_name)

    def read(self, filename, data, ignore=()):
        """The table of a .csv or .xlsx file, by its name's extension, without the columns whose
        headers ``ignore`` names. A column the format does not know is a problem of the sheet
        (:attr:`Sheet.problems`), reported with the rows' problems; one that stops the reading
        (a required column missing) raises :class:`FileProblem`."""
        rows = _csv_rows(data, self.max_columns) if format_of(filename) == "csv" else \
            _xlsx_rows(data, self.max_columns)
        return self._sheet(rows, {header_key(header) for header in ignore})

    def _sheet(self, rows, ignored=frozenset()):
        rows = iter(rows)
        first = next(rows, None)
        if first is None or all(is_empty(cell) for cell in first[1]):
            raise _problem(_l("The first line must name the columns (such as %(example)s).",
                              example=";".join(column.header for column in self.columns[:3])), line=1)
        columns, headers, problems, unknown = {}, {}, [], []
        for position, cell in enumerate(first[1]):
            header = as_text(cell).strip()
            if not header:
                continue
            headers[position] = header
            if header_key(header) in ignored:
                continue
            column = self.headers.get(header_key(header))
            if column is None:
                unknown.append(header)
                problems.append(Problem(1, header, _l("Unknown column. The columns are: %(headers)s. Rename it, "
                                                      "or import the file ignoring it.",
                                                      headers="; ".join(column.header for column in self.columns))))
            elif column in columns.values():
                problems.append(Problem(1, header, _l("The column is named twice.")))
            else:
                columns[position] = column
        missing = [column.header for column in self.columns if column.required and column not in columns.values()]
        stops = bool(missing)
        for header in missing:
            problems.append(Problem(1, header, _l("The file has no such column; it is required.")))
        data = []
        for line, cells in rows:
            if all(is_empty(cell) for cell in cells):
                continue
            for position, cell in enumerate(cells):
                if position not in headers and not is_empty(cell):
                    problems.append(Problem(line, column_letter(position),
                                            _l("A value in a column without a known header.")))
            if len(data) >= MAX_ROWS:
                problems.append(Problem(line, None, _l("The file has more than %(max)d rows; split it.", max=MAX_ROWS)))
                stops = True
                break
            data.append((line, cells))
        if stops:
            raise FileProblem(problems, unknown)
        return Sheet(self, columns, headers, data, problems, tuple(unknown))

    def row_values(self, obj):
        """The export's cells of one row's object, in column order."""
        return [column.export(obj) for column in self.columns]

    def csv_chunks(self, objects):
        """The CSV file of ``objects``, in pieces to stream (:func:`table_csv_chunks`)."""
        return table_csv_chunks(chain([[column.header for column in self.columns]],
                                      (self.row_values(obj) for obj in objects)))

    def write_csv(self, objects):
        return b"".join(self.csv_chunks(objects))

    def write_xlsx(self, objects):
        with self._xlsx_file(objects) as file:
            return file.read()

    def _xlsx_file(self, objects):
        """The workbook in a temporary file (in memory up to 1 MiB, then on disk), read from its
        start: one sheet, the headers in bold, dates as date cells, numbers as numbers, every text
        as text (never a formula)."""
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(self.sheet_name)
        bold = Font(bold=True)
        header = []
        for column in self.columns:
            cell = WriteOnlyCell(sheet, value=column.header)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for obj in objects:
            cells = []
            for value in self.row_values(obj):
                cell = WriteOnlyCell(sheet, value=value)
                if isinstance(value, date):
                    cell.number_format = "yyyy-mm-dd"
                elif isinstance(value, str):
                    cell.value = GUARD + value if _guarded(value) else value
                    cell.data_type = "s"  # openpyxl would take "=…" for a formula
                cells.append(cell)
            sheet.append(cells)
        file = tempfile.SpooledTemporaryFile(max_size=SPOOLED)
        workbook.save(file)
        file.seek(0)
        return file

    def write_file(self, fmt, objects):
        return self.write_csv(objects) if fmt == "csv" else self.write_xlsx(objects)

    def stream(self, fmt, objects):
        """The file in pieces, for a streamed response: CSV row by row; a workbook (a zip, written
        whole) from its temporary file, never all of it in memory."""
        if fmt == "csv":
            yield from self.csv_chunks(objects)
            return
        with self._xlsx_file(objects) as file:
            while chunk := file.read(STREAM_CHUNK):
                yield chunk


# ---------------------------------------------------------------------------------------------
# Reading files
# ---------------------------------------------------------------------------------------------

@dataclass
class Sheet:
    """A file's table: the columns its header names (position -> column, and the header as written)
    and its data rows, each with its line number; the problems of its header that do not stop the
    rows being checked (an importer reports them with the rows'), and the unknown columns' headers."""

    layout: Layout
    columns: dict
    headers: dict
    rows: list
    problems: list = field(default_factory=list)
    unknown: tuple = ()

    @property
    def keys(self):
        return {column.key for column in self.columns.values()}

    def header_of(self, key):
        """The header the file gives the column ``key`` (or the one the export writes)."""
        for position, column in self.columns.items():
            if column.key == key:
                return self.headers[position]
        return self.layout.by_key[key].header

    def parsed(self, line, cells, problem):
        """A row's cells by their columns' keys, parsed; a cell that cannot be read is :data:`FAILED`,
        and ``problem(line, key, message)`` is told why."""
        values = {}
        for position, column in self.columns.items():
            try:
                values[column.key] = column.parse(cells[position] if position < len(cells) else None)
            except Invalid as invalid:
                problem(line, column.key, invalid.message)
                values[column.key] = FAILED
        return values


def format_of(filename):
    extension = filename.rsplit(".", 1)[-1].casefold() if "." in filename else ""
    if extension not in FORMATS:
        raise _problem(_l("Give a .csv or an .xlsx file."))
    return extension


def _decoded(data):
    """UTF-8 (with or without its byte-order mark), else Windows-1252, as Excel saves in Sweden."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _problem(_l("The file is neither UTF-8 nor Windows-1252 text. Save it from Excel as “CSV UTF-8” "
                      "or as an Excel workbook (.xlsx)."))


def _delimiter(text_):
    first = text_.split("\n", 1)[0]
    counts = {delimiter: first.count(delimiter) for delimiter in (";", ",", "\t")}
    best = max(counts, key=lambda delimiter: (counts[delimiter], delimiter == ";"))
    return best if counts[best] else ";"


def _unescaped(cell):
    """A CSV cell without the export's guard (every CSV cell that starts with ``'`` has one)."""
    return cell[len(GUARD):] if cell.startswith(GUARD) else cell


def _guarded(text_):
    """Whether a workbook's text starts with the CSV export's guard: a ``'`` before a formula's
    first character or another ``'``. A CSV export opened in an office program and saved as a
    workbook keeps it as part of the text (LibreOffice does), so reading a workbook strips it too;
    the workbook export writes one before a text that starts so itself, so both round trips are
    lossless."""
    return text_.startswith(GUARD) and text_[1:2] in (*FORMULA_STARTS, GUARD)


def _xlsx_cell(value):
    return value[len(GUARD):] if isinstance(value, str) and _guarded(value) else value


def _too_wide(count, max_columns, line=None):
    return _problem(_l("The file has %(count)d columns: more than the %(max)d a file of this kind may have. "
                       "Delete the columns beside the table.", count=count, max=max_columns), line=line)


def _narrowed(cells, max_columns, line):
    """``cells`` (a list), checked against ``max_columns`` before anything else looks at them:
    a row wider than that is refused, once its empty cells at the end are dropped."""
    if len(cells) > max_columns:
        while cells and is_empty(cells[-1]):
            cells.pop()
        if len(cells) > max_columns:
            raise _too_wide(len(cells), max_columns, line)
    return cells


def _csv_rows(data, max_columns):
    text_ = _decoded(data)
    if "\x00" in text_:
        raise _problem(_l("The file holds NUL bytes: it is not a CSV file."))
    reader = csv.reader(io.StringIO(text_, newline=""), delimiter=_delimiter(text_), strict=True)
    line = 0
    try:
        for line, row in enumerate(reader, start=1):
            row = _narrowed(row, max_columns, line)
            if any(len(cell) > MAX_CELL for cell in row):
                raise _problem(_l("A cell is longer than %(max)d characters.", max=MAX_CELL), line=line)
            yield line, [_unescaped(cell) for cell in row]
    except csv.Error as error:
        raise _problem(_l("The file cannot be read as CSV after this line (%(reason)s). Check its quotes.",
                          reason=str(error)), line=line) from None


def _xlsx_rows(data, max_columns):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise _problem(_l("The file is not an Excel workbook (.xlsx).")) from None
    if unpacked > MAX_XLSX_UNPACKED:
        raise _problem(_l("The workbook unpacks to more than %(max)d MB.", max=MAX_XLSX_UNPACKED // 1024 // 1024))
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken workbook
        raise _problem(_l("The file is not an Excel workbook (.xlsx).")) from None
    try:
        sheet = workbook.worksheets[0]
        # the width the workbook declares: every row is padded to it (a workbook says none, or
        # a wrong one: each row is checked as well)
        if (sheet.max_column or 0) > max_columns:
            raise _too_wide(sheet.max_column, max_columns)
        for line, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield line, [_xlsx_cell(value) for value in _narrowed(list(row), max_columns, line)]
    finally:
        workbook.close()


def column_letter(position):
    """A spreadsheet's name of the column at ``position`` (0: A, 26: AA)."""
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters



# ---------------------------------------------------------------------------------------------
# Writing files
# ---------------------------------------------------------------------------------------------

#: bytes of a workbook kept in memory while it is written, past which it goes to a temporary file
SPOOLED = 1024 * 1024
#: bytes of a streamed workbook sent at a time
STREAM_CHUNK = 64 * 1024

def decimal_text(value):
    """A decimal number as a Swedish spreadsheet reads it: a decimal comma, no thousands separator."""
    return ("%.15g" % value).replace(".", ",")


def table_csv_chunks(rows):
    """A table (``rows``, the header first) as a CSV file Excel opens in Sweden, in pieces to
    stream: UTF-8 with a byte-order mark, ``;``, CRLF, decimal commas, and text that a spreadsheet
    would run as a formula escaped with ``'``."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for count, row in enumerate(rows):
        writer.writerow([_csv_cell(value) for value in row])
        if count == 0:
            yield "\ufeff".encode() + _drain(buffer)
        elif count % 200 == 0:
            yield _drain(buffer)
    yield _drain(buffer)


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return decimal_text(value)
    return GUARD + value if value.startswith((*FORMULA_STARTS, GUARD)) else value


def _drain(buffer):
    chunk = buffer.getvalue().encode()
    buffer.seek(0)
    buffer.truncate()
    return chunk
