# lit configuration for cfc's end-to-end tests.
#
# Tests are .cfn files (a cfc program with RUN/CHECK lines in // comments)
# and .test files (shell-style, for command-line behaviour). Substitutions:
#   cfc         the built compiler
#   %oracle     ../shared/oracle/validate-template.py (strict) with Debian's python3,
#               then cfn-lint (errors fail, warnings do not) on the same templates
#   %examples   the examples/ folder
#   %moto       Inputs/with_moto.py under a Python with moto and boto3: runs a
#               command against a private moto_server on 127.0.0.1
# Features: moto (moto 5 and boto3 are installed: test/Deploy runs);
# graphviz (Graphviz's `dot` is installed: graph tests render);
# nvim (Neovim is installed: LSP/neovim.test drives `cfc lsp` from it);
# esbuild (tools/bundle's is installed, and node: the bundling tests).
import os
import shutil
import lit.formats

config.name = "cfc"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cfn", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "unit"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.cfc_obj_root, "test")

config.environment["PATH"] = os.pathsep.join(
    [config.cfc_obj_root, config.llvm_tools_dir, config.environment.get("PATH", "")])
# Diagnostics must not depend on the terminal.
config.environment["TERM"] = "dumb"
# The one-shot arena's regions (a stack's memory in a run over many, a
# file's parse tree) are made unreadable once their work is done instead of
# reused: anything still pointing into one faults in every test that runs
# cfc (compiler/Basic/ArenaScope.h). Driver/stack-memory.test runs without
# it too, as users do.
config.environment["CFC_ARENA_CHECK"] = "1"

config.substitutions.append(("%examples", os.path.join(config.cfc_src_root, "examples")))
# The fuzz targets' replay binaries (fuzz/cfc-fuzz-<target> in every build
# folder), which run the inputs given on the command line, many in one
# process. The libFuzzer binaries (fuzz/cfc-libfuzzer-<target>) exist only in
# tools/sanitize's build-asan, for tools/fuzz.
config.substitutions.append(("%fuzz-bin", os.path.join(config.cfc_obj_root, "fuzz")))
# The oracle runs through a shim that repairs its one crash and then has
# cfn-lint judge the same templates (see Inputs/oracle.py). The shim fails
# when cfn-lint is missing ("" here), rather than passing unjudged templates.
# A test judges all its templates in one %oracle run where it can: each run
# starts cfn-lint.
# In the sanitizers' build (tools/sanitize, which runs after the Release
# build's pass in CI) the judges are not run: they judge cfc's output, which
# does not depend on the build and which the Release pass has judged, while
# the sanitizers look at memory and undefined behaviour. cfn-lint takes some
# 2.5 CPU-seconds (1.5 of them its imports) in each of the suite's 75 runs
# of %oracle. The shim then only reads each template (oracle.py --unjudged).
oracle_shim = os.path.join(config.test_source_root, "Inputs", "oracle.py")
if config.cfc_sanitize == "ON":
    config.substitutions.append(("%oracle", "%s %s --unjudged" % (config.python3, oracle_shim)))
else:
    config.substitutions.append(("%oracle", "%s %s --cfn-lint '%s' %s" % (
        config.python3, oracle_shim, config.cfn_lint,
        os.path.join(config.shared_dir, "oracle", "validate-template.py"))))
# cfn-lint itself, for tests that ask it for more than errors (I3011).
config.substitutions.append(("%cfn-lint", config.cfn_lint or "false"))
config.substitutions.append(("%exit-is", "sh " + os.path.join(config.test_source_root, "Inputs", "exit-is.sh")))
config.substitutions.append(("%{python}", config.python3))
config.substitutions.append(("%{shared}", config.shared_dir))
# The Python with the pinned SAM translator (the catalog's SAM types come
# from it), for the corpus test's judge of SAM templates SAM refuses.
config.substitutions.append(("%{sam-python}", config.sam_python))
# The bounds of test/Limits/hostile-variants-*.test (one test per class of
# Inputs/hostile-variants.py). The script's bounds are 1 s of CPU and 1 s of
# wall time, as docs/fuzzing.md reports from a run alone; beside the rest of
# the suite on two shared cores a run may take 2 s of CPU and 10 s of wall
# time (a run twice the wall bound is a hang, killed, and fails). The
# sanitizers' build (-O1, AddressSanitizer's shadow memory and checks) gets
# ten times the CPU and four times the memory: there the sweep looks for what
# the sanitizers find, on every case with the cuts --sanitizers describes
# (a program runs build and one other command by turns; the server's 10,000
# stacks are 1,000), and the Release build keeps the bounds and every run.
if config.cfc_sanitize == "ON":
    config.available_features.add("sanitize")
    config.substitutions.append(("%{hostile-bounds}", "--wall 60 --cpu 20 --rss 2000 --sanitizers"))
else:
    config.substitutions.append(("%{hostile-bounds}", "--wall 10 --cpu 2"))

# esbuild, pinned by tools/bundle (tools/setup installs it): the bundling
# tests use that one, never one found elsewhere.
esbuild = os.path.join(config.cfc_src_root, "tools", "bundle", "node_modules", ".bin", "esbuild")
if os.access(esbuild, os.X_OK) and shutil.which("node"):
    config.available_features.add("esbuild")
    config.environment["CFC_ESBUILD"] = esbuild

# The Python of moto_server (pyenv's on these machines), with boto3 for the
# deploy tests' checks; found by asking each candidate for the modules.
def python_with_moto():
    import subprocess
    home = os.path.expanduser("~")
    candidates = [os.path.join(os.environ.get("PYENV_ROOT", os.path.join(home, ".pyenv")), "shims", "python3"),
                  shutil.which("python3"), config.python3]
    for python in candidates:
        if not python or not os.path.exists(python):
            continue
        probe = "import importlib.util as u, sys; sys.exit(0 if u.find_spec('moto') and u.find_spec('boto3') else 1)"
        try:
            if subprocess.call([python, "-c", probe], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               timeout=30) == 0:
                return python
        except Exception:
            pass
    return None

moto_python = python_with_moto()
if moto_python:
    config.available_features.add("moto")
    config.substitutions.append(("%moto", "%s %s" % (
        moto_python, os.path.join(config.test_source_root, "Inputs", "with_moto.py"))))

if shutil.which("dot"):
    config.available_features.add("graphviz")
if shutil.which("nvim"):
    config.available_features.add("nvim")
