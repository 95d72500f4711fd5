"""The stages every board shares, whatever the config says about the ones in between."""

DEFAULT_STAGES = ("idea", "script", "record", "edit", "review", "scheduled", "published")
PUBLISHED_STAGE = "published"  # the last stage of every board: output is counted here
DROPPED_STAGE = "dropped"  # every board has it, outside the flow of stages
