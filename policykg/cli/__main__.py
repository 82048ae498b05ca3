"""``python -m policykg.cli``: the ``policykg`` command."""

from policykg.cli.main import main

if __name__ == "__main__":
    main()
