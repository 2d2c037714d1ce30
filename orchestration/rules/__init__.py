"""The rules of the domain: one registry (``registry.RULES``), one finding record (``model.Finding``)."""
