# lit configuration for cfc's end-to-end tests.
#
# Tests are .cfn files (a cfc program with RUN/CHECK lines in // comments)
# and .test files (shell-style, for command-line behaviour). Substitutions:
#   cfc         the built compiler
#   %oracle     ../shared/oracle/validate-template.py (strict) with Debian's python3,
#               then cfn-lint (errors fail, warnings do not) on the same templates
#   %examples   the examples/ folder
# Features: graphviz (Graphviz's `dot` is installed: graph tests render);
# nvim (Neovim is installed: LSP/neovim.test drives `cfc lsp` from it).
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

config.substitutions.append(("%examples", os.path.join(config.cfc_src_root, "examples")))
# The oracle runs through a shim that repairs its one crash and then has
# cfn-lint judge the same templates (see Inputs/oracle.py). The shim fails
# when cfn-lint is missing ("" here), rather than passing unjudged templates.
config.substitutions.append(("%oracle", "%s %s --cfn-lint '%s' %s" % (
    config.python3, os.path.join(config.test_source_root, "Inputs", "oracle.py"),
    config.cfn_lint, os.path.join(config.shared_dir, "oracle", "validate-template.py"))))
# cfn-lint itself, for tests that ask it for more than errors (I3011).
config.substitutions.append(("%cfn-lint", config.cfn_lint or "false"))
config.substitutions.append(("%exit-is", "sh " + os.path.join(config.test_source_root, "Inputs", "exit-is.sh")))
config.substitutions.append(("%{python}", config.python3))
config.substitutions.append(("%{shared}", config.shared_dir))

if shutil.which("dot"):
    config.available_features.add("graphviz")
if shutil.which("nvim"):
    config.available_features.add("nvim")
