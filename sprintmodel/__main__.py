"""``python -m sprintmodel`` runs the command line."""

from sprintmodel.cli import main

if __name__ == "__main__":
    main()
