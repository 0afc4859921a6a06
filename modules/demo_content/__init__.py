"""Demo training modules for the child-protection workforce, as plain Python data.

``MODULES`` lists the modules in prerequisite order (every prerequisite comes before the module
that needs it). ``TRANSLATIONS`` maps a module code to its translations by language code; each
translation has exactly the shape of the English module, so the two can be paired element by
element (see ``check_shapes.py``). Images and documents are described in ``assets.py``.
"""

from modules.demo_content import cp101, cp101_hi, cp102, cp103, cp104, cp105
from modules.demo_content.assets import ASSETS

MODULES = [cp101.MODULE, cp102.MODULE, cp103.MODULE, cp104.MODULE, cp105.MODULE]

TRANSLATIONS = {"CP-101": {"hi": cp101_hi.MODULE_HI}}

__all__ = ["ASSETS", "MODULES", "TRANSLATIONS"]
