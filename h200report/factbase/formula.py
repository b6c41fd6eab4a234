"""The arithmetic of a curated ``derived`` figure, and nothing else.

"At most 75,000 is far below half of the intended volume" gives "more than 150,000":
the curator writes the formula, the code checks it. The formula comes from a text
file, so it is read as a syntax tree and only numbers, the named inputs and
+ - * / with parentheses are evaluated; a call, an attribute, a name that is not an
input or any other construct is refused, never run.
"""

from __future__ import annotations

import ast
import operator

from ..errors import brief

_OPS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}
_SIGNS = {ast.UAdd: operator.pos, ast.USub: operator.neg}


class FormulaError(ValueError):
    """A formula that is not arithmetic over its inputs, or that cannot be evaluated."""


def evaluate(formula: str, names: dict[str, float]) -> float:
    """The value of ``formula`` with ``names`` bound; FormulaError for anything else."""

    def refuse() -> FormulaError:
        return FormulaError(
            f"formula {brief(formula)}: only numbers, inputs and + - * / are allowed"
        )

    def walk(node: ast.AST) -> float:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            return _OPS[type(node.op)](walk(node.left), walk(node.right))
        if isinstance(node, ast.UnaryOp) and type(node.op) in _SIGNS:
            return _SIGNS[type(node.op)](walk(node.operand))
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, int | float)
            and not isinstance(node.value, bool)
        ):
            return float(node.value)
        if isinstance(node, ast.Name) and node.id in names:
            return names[node.id]
        raise refuse()

    try:
        tree = ast.parse(formula, mode="eval")
    except SyntaxError:
        raise refuse() from None
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    unused = sorted(set(names) - used)
    if unused:
        # A derivation that ignores a quoted number does not follow from the quote.
        raise FormulaError(f"formula {brief(formula)}: does not use input {unused[0]}")
    try:
        return walk(tree)
    except ZeroDivisionError:
        raise FormulaError(f"formula {brief(formula)}: division by zero") from None
