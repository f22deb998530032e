from django.core.management.base import CommandParser

from certificates.credentials.keys import office_controller


def add_office_argument(parser: CommandParser) -> None:
    parser.add_argument(
        "--office",
        metavar="CODE",
        help="Office short code (e.g. cnipa); without it, the platform's key.",
    )


def controller_of(options: dict) -> str:
    return office_controller(options["office"]) if options.get("office") else "platform"
