"""The numbers the target rules compare against (also quoted in the reasons)."""

from tandem.thresholds import HIGH_TENSION

__all__ = [
    "CONTESTED_SHARE", "HIGH_TENSION", "IMAGE_SCALE", "POOR_IMAGE", "SEVERAL_MARKETS",
    "SEVERAL_SOURCES",
]

#: This many high tension sources make "several".
SEVERAL_SOURCES = 3
#: The mutual image is poor when its tension is at least this.
POOR_IMAGE = 60.0
#: Many contested decision areas: at least this share of the areas.
CONTESTED_SHARE = (1, 3)
#: Strategic marketing in at least this many markets or segments points to Integrated.
SEVERAL_MARKETS = 3
#: The scale that measures the mutual image.
IMAGE_SCALE = "cul_image"
