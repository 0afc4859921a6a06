from lms.core.demo import demo_seeder

from .models import District, State
from .services import geography_load_reference


@demo_seeder(order=10)
def seed_geography() -> list[str]:
    """States and districts come with the migrations; this adds any the data file has gained."""
    geography_load_reference()
    return [
        f"Geography: {State.objects.count()} states and union territories, "
        f"{District.objects.filter(is_active=True).count()} districts."
    ]
