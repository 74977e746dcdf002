"""CRM exports (HubSpot contacts and deals; Salesforce leads, opportunities and their
histories) read into the funnel records the metrics need, all or nothing.

- :mod:`.formats`: the export kinds, their columns by internal name and by label, and
  the stage values the tools use; detection of the kind from the header;
- :mod:`.values`: dates in the tools' formats, yes/no, amounts, pseudonyms;
- :mod:`.records`: what is kept (:class:`FunnelData`): dates, amounts, pseudonyms;
- :mod:`.reading`: a file into records, with the :class:`CrmReport` of what was read.

See docs/crm.md for how to export each kind and what every metric means.
"""

from tandem.io.crm.formats import BY_NAME, KINDS, ExportKind
from tandem.io.crm.reading import CrmImport, CrmReport, ValueCount, read_crm
from tandem.io.crm.records import Deal, FunnelData, Lead, StageChange

__all__ = [
    "BY_NAME",
    "KINDS",
    "CrmImport",
    "CrmReport",
    "Deal",
    "ExportKind",
    "FunnelData",
    "Lead",
    "StageChange",
    "ValueCount",
    "read_crm",
]
