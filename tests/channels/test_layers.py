"""The dependency direction around channels: a provider's folder is a plug-in.

Only `chotdon.channels` and the entry points (main, worker, the CLI, the demo) may import a
provider package; every other domain goes through `channels.registry` / `channels.contract`.
Covers packages added later too (the pyproject import-linter contract lists today's).
"""

from __future__ import annotations

import grimp

from chotdon.channels import registry

ENTRY_POINTS = ("chotdon.main", "chotdon.worker", "chotdon.__main__", "chotdon.demo")


def test_only_channels_and_entry_points_import_a_provider_folder() -> None:
    graph = grimp.build_graph("chotdon")
    providers = {
        path.rsplit(".", 1)[0]
        for path in registry.PROVIDER_MODULES.values()
        if path.count(".") >= 3  # chotdon.channels.<provider>.provider (not the `api` module)
    }
    assert "chotdon.channels.facebook" in providers and "chotdon.channels.shopee" in providers
    offenders = []
    for module in sorted(graph.modules):
        if module.startswith("chotdon.channels") or module in ENTRY_POINTS:
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            if any(imported == p or imported.startswith(p + ".") for p in providers):
                offenders.append(f"{module} imports {imported}")
    assert offenders == [], "use channels.registry / channels.contract instead:\n" + "\n".join(
        offenders
    )
