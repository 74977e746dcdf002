"""The roadmap: a versioned catalogue of the article's steps, ranked per organisation."""

from tandem.roadmap.catalogue import (
    DEFAULT_CATALOGUE,
    TOOLS,
    TRANSITIONS,
    Catalogue,
    CatalogueError,
    Step,
    Tool,
    Transition,
    available_catalogues,
    catalogue_data,
    load_catalogue,
    load_catalogue_file,
    parse_catalogue,
)
from tandem.roadmap.ranking import (
    CRITERION_MET,
    GAP_WEIGHT,
    STATUSES,
    RoadmapStep,
    Status,
    rank_roadmap,
)

__all__ = [
    "CRITERION_MET",
    "DEFAULT_CATALOGUE",
    "GAP_WEIGHT",
    "STATUSES",
    "TOOLS",
    "TRANSITIONS",
    "Catalogue",
    "CatalogueError",
    "RoadmapStep",
    "Status",
    "Step",
    "Tool",
    "Transition",
    "available_catalogues",
    "catalogue_data",
    "load_catalogue",
    "load_catalogue_file",
    "parse_catalogue",
    "rank_roadmap",
]
