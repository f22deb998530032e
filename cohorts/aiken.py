"""A strict reader of the Aiken quiz format (as Moodle documents it). Pure: text
in, questions and line-numbered errors out; no ORM.

    Which office first examines a PPH request?
    A. The office of first filing
    B. The office of second filing
    ANSWER: B

A question is its text (one or more lines), then choices lettered A, B, C…
in order ("A." or "A)"), then one ANSWER line naming a choice; a blank line
ends it. Aiken has single-choice questions only.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MAX_QUESTIONS = 500
MAX_CHOICE_LENGTH = 500
_CHOICE = re.compile(r"^([A-Z])[.)]\s+(\S.*)$")
_ANSWER = re.compile(r"^ANSWER:\s*(\S*)\s*$", re.IGNORECASE)


@dataclass
class AikenQuestion:
    line: int  # where its text starts, for messages
    text: str
    choices: list[str] = field(default_factory=list)
    answer: int | None = None  # index into choices


@dataclass
class AikenError:
    line: int
    message: str


@dataclass
class _Block:
    line: int
    text: list[str] = field(default_factory=list)
    choices: list[str] = field(default_factory=list)
    answer: int | None = None
    answered_at: int = 0


def _finish(block: _Block, errors: list[AikenError]):
    if not block.choices:
        errors.append(AikenError(block.line, _("A question needs lettered choices.")))
        return None
    if len(block.choices) < 2:
        errors.append(AikenError(block.line, _("Give at least two choices.")))
        return None
    if not block.answered_at:
        errors.append(AikenError(block.line, _("The question has no “ANSWER:” line.")))
        return None
    if block.answer is None:
        return None  # already reported on the ANSWER line
    return AikenQuestion(
        line=block.line,
        text="\n".join(block.text),
        choices=block.choices,
        answer=block.answer,
    )


def parse_aiken(text: str) -> tuple[list[AikenQuestion], list[AikenError]]:
    """Questions read from Aiken text, and every problem with its line number.

    Callers write nothing unless the error list is empty.
    """
    questions: list[AikenQuestion] = []
    errors: list[AikenError] = []
    block: _Block | None = None
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, raw in enumerate(lines, start=1):
        line = raw.strip().lstrip("\ufeff")
        if not line:
            if block is not None:
                if (question := _finish(block, errors)) is not None:
                    questions.append(question)
                block = None
            continue
        if block is None:
            block = _Block(line=number)
        if block.answered_at:
            errors.append(
                AikenError(
                    number,
                    _("Leave a blank line after “ANSWER:” before the next question."),
                )
            )
            block.answered_at = -1  # report once; keep reading the next block
            continue
        if block.answered_at < 0:
            continue
        if match := _ANSWER.match(line):
            block.answered_at = number
            letter = match.group(1).upper()
            letters = [chr(ord("A") + i) for i in range(len(block.choices))]
            if letter not in letters:
                errors.append(
                    AikenError(
                        number,
                        _("The answer “%(letter)s” is not one of the choices.")
                        % {"letter": match.group(1)},
                    )
                )
            else:
                block.answer = letters.index(letter)
            continue
        if match := _CHOICE.match(line):
            if not block.text:
                errors.append(AikenError(number, _("The question text is missing.")))
            expected = chr(ord("A") + len(block.choices))
            if match.group(1) != expected:
                errors.append(
                    AikenError(
                        number,
                        _("Expected choice %(expected)s here.")
                        % {"expected": expected},
                    )
                )
            choice = match.group(2).strip()
            if len(choice) > MAX_CHOICE_LENGTH:
                errors.append(
                    AikenError(
                        number,
                        _("A choice is at most %(n)s characters long.")
                        % {"n": MAX_CHOICE_LENGTH},
                    )
                )
            block.choices.append(choice[:MAX_CHOICE_LENGTH])
            continue
        if block.choices:
            errors.append(
                AikenError(
                    number,
                    _("Expected a lettered choice or the “ANSWER:” line."),
                )
            )
            continue
        block.text.append(line)
    if block is not None and block.answered_at >= 0:
        if (question := _finish(block, errors)) is not None:
            questions.append(question)
    if len(questions) > MAX_QUESTIONS:
        errors.append(
            AikenError(
                questions[MAX_QUESTIONS].line,
                _("Import at most %(n)s questions at a time.") % {"n": MAX_QUESTIONS},
            )
        )
    if not questions and not errors:
        errors.append(AikenError(1, _("No questions found.")))
    errors.sort(key=lambda e: e.line)
    return questions, errors
