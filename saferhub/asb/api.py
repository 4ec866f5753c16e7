"""ASB Case Review endpoints under /api/v1/asb/."""

from ninja import Router

router = Router(tags=["ASB Case Reviews"])
