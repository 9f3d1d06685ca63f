"""Print the share of functions outside tests and migrations whose parameters and return are
annotated (``self`` and ``cls`` need none), and fail below a floor: ``--min 95``."""

import argparse
import ast
import pathlib
import sys

ROOTS = ("muhandis", "config")


def _is_skipped(path: pathlib.Path) -> bool:
    return "tests" in path.parts or "migrations" in path.parts


def _fully_annotated(node: ast.FunctionDef | ast.AsyncFunctionDef, in_class: bool) -> bool:
    args = node.args
    params = [*args.posonlyargs, *args.args, *args.kwonlyargs]
    if in_class and params and params[0].arg in {"self", "cls"}:
        params = params[1:]
    if args.vararg:
        params.append(args.vararg)
    if args.kwarg:
        params.append(args.kwarg)
    return node.returns is not None and all(p.annotation is not None for p in params)


def _functions(tree: ast.AST) -> list[tuple[ast.FunctionDef | ast.AsyncFunctionDef, bool]]:
    found: list[tuple[ast.FunctionDef | ast.AsyncFunctionDef, bool]] = []

    def walk(node: ast.AST, in_class: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                found.append((child, in_class))
                walk(child, False)
            elif isinstance(child, ast.ClassDef):
                walk(child, True)
            else:
                walk(child, in_class)

    walk(tree, False)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--min", type=float, default=0.0, help="fail below this percentage")
    parser.add_argument("--list", action="store_true", help="name every unannotated function")
    options = parser.parse_args()
    total = annotated = 0
    for root in ROOTS:
        for path in sorted(pathlib.Path(root).rglob("*.py")):
            if _is_skipped(path):
                continue
            for node, in_class in _functions(ast.parse(path.read_text(), str(path))):
                total += 1
                if _fully_annotated(node, in_class):
                    annotated += 1
                elif options.list:
                    print(f"{path}:{node.lineno}: {node.name}")
    share = 100.0 * annotated / total if total else 100.0
    print(f"{annotated} of {total} functions fully annotated: {share:.1f} %")
    return 0 if share >= options.min else 1


if __name__ == "__main__":
    sys.exit(main())
