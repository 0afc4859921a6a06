"""Date and number formats (``FORMAT_MODULE_PATH``) for Assamese, which Django has none for,
and what Django's Hindi module leaves to the English defaults. Django reads a format here
first and falls back to its own module for the rest."""
