"""Static files belong to the install, not to a node's data folder."""

from broadsheet.core import e2e


def test_static_files_are_collected_outside_the_data_folder_and_only_when_changed(tmp_path):
    static_root = tmp_path / "release-static"
    env = e2e.server_environment(tmp_path / "node", BROADSHEET_STATIC_ROOT=str(static_root))
    e2e.run_command(env, "setup", "--static-only")
    manifest = static_root / "staticfiles.json"
    hashed = next((static_root / "broadsheet").glob("site.*.css"))
    stamps = manifest.stat().st_mtime_ns, hashed.stat().st_mtime_ns
    assert not (tmp_path / "node" / "static").exists()

    # Unchanged sources: nothing is rewritten under a server that may be scanning it.
    e2e.run_command(env, "setup", "--static-only")
    assert (manifest.stat().st_mtime_ns, hashed.stat().st_mtime_ns) == stamps

    (static_root / ".sources").write_text("from another release")
    e2e.run_command(env, "setup", "--static-only")
    assert manifest.stat().st_mtime_ns != stamps[0]
