"""One reader per file of a data folder (``docs/data_contract.md``).

Each module turns one parsed :class:`~sprintmodel.data.tables.Table` (or file) into the typed
object the :class:`~sprintmodel.data.model.DataSet` keeps, adding every problem to the
:class:`~sprintmodel.data.problems.ValidationReport` with file, row, column and fix:

=================  ==============================================  ======================
module             file                                            DataSet field
=================  ==============================================  ======================
``units``          ``units.csv``                                   ``hierarchy``
``indicators``     ``indicators.csv``                              ``indicators``
``observations``   ``observations.csv``                            ``observations``
``targets``        ``targets.csv`` (optional)                      ``targets``
``projects``       ``projects.csv`` (optional)                     ``projects``
``components``     ``components.csv``, ``component_observations``  ``components``,
                   ``.csv`` (optional)                             ``component_observations``
``industry_``      ``industry_sources.csv`` (optional)             ``industry_sources``
``sources``
``tasks``          ``tasks.csv`` (optional)                        ``tasks``
=================  ==============================================  ======================

Optional registers read after them (:func:`sprintmodel.data.load._optional_files`):
``enterprises`` (``enterprises.csv``), ``enterprise_series`` (``enterprise_observations.csv``,
``enterprise_problems.csv``), ``livelihood`` (``livelihood.csv``), ``province_targets``; the
sprint registers share ``registers`` (periods, amounts, code lists, unique keys).

:func:`sprintmodel.data.load.validate_folder` calls them in that order. ``common`` holds what
they share (required columns, unique codes, membership, yes/no); the alias vocabularies are in
:mod:`sprintmodel.data.aliases`.
"""
