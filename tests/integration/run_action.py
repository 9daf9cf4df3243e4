#!/usr/bin/env python3
"""Runs a composite action's steps the way the GitHub runner does: each `run:`
in `bash --noprofile --norc -eo pipefail` with the step's `env:` (expressions
evaluated for inputs.* and steps.*.outputs.*), GITHUB_OUTPUT per step, in the
workspace. Checks the rules the action must keep first: composite, bash,
and no ${{ }} expression inside any `run:` (values reach scripts through env only).

usage: run_action.py ACTION_YML WORKSPACE [NAME=VALUE ...]
Prints the action's outputs as JSON on the last line; exits with the status of
the first failing step (0 when all pass)."""
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def evaluate(text, inputs, step_outputs):
    def value(match):
        expression = match.group(1)
        parts = expression.split(".")
        if len(parts) == 2 and parts[0] == "inputs":
            if parts[1] not in inputs:
                sys.exit(f"run_action: unknown input in expression: {expression}")
            return inputs[parts[1]]
        if len(parts) == 4 and parts[0] == "steps" and parts[2] == "outputs":
            return step_outputs.get(parts[1], {}).get(parts[3], "")
        sys.exit(f"run_action: unsupported expression: {expression}")
    return EXPRESSION.sub(value, str(text))


def read_outputs(path):
    """name=value lines and name<<DELIMITER blocks, as the runner reads them."""
    outputs = {}
    lines = open(path, encoding="utf-8").read().splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            block = []
            i += 1
            while i < len(lines) and lines[i] != delimiter:
                block.append(lines[i])
                i += 1
            outputs[name] = "\n".join(block)
        elif "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
        i += 1
    return outputs


def main():
    action_path, workspace, *assignments = sys.argv[1:]
    action = yaml.safe_load(open(action_path, encoding="utf-8"))
    runs = action["runs"]
    assert runs["using"] == "composite", "the action must be a composite action"
    inputs = {}
    for name, spec in action.get("inputs", {}).items():
        inputs[name] = str(spec.get("default", ""))
    for assignment in assignments:
        name, value = assignment.split("=", 1)
        if name not in inputs:
            sys.exit(f"run_action: the action has no input {name!r}")
        inputs[name] = value
    for name, spec in action.get("inputs", {}).items():
        if spec.get("required") and not inputs[name]:
            sys.exit(f"run_action: input {name!r} is required")

    runner_temp = os.environ.get("RUNNER_TEMP") or tempfile.mkdtemp(prefix="runner-temp-")
    base_env = dict(os.environ)
    base_env.update({
        "GITHUB_ACTIONS": "true",
        "GITHUB_ACTION_PATH": os.path.dirname(os.path.abspath(action_path)),
        "GITHUB_WORKSPACE": workspace,
        "RUNNER_TEMP": runner_temp,
    })
    step_outputs = {}
    for index, step in enumerate(runs["steps"]):
        name = step.get("name", f"step {index}")
        assert "uses" not in step, f"{name}: this harness runs `run:` steps only"
        assert step.get("shell") == "bash", f"{name}: composite run steps must say shell: bash"
        script = step["run"]
        assert "${{" not in script, f"{name}: an expression inside run: would paste values into the script"
        env = dict(base_env)
        for key, value in (step.get("env") or {}).items():
            env[key] = evaluate(value, inputs, step_outputs)
        with tempfile.NamedTemporaryFile("w", suffix=".sh", delete=False) as script_file:
            script_file.write(script)
        output_file = tempfile.NamedTemporaryFile(delete=False)
        output_file.close()
        env["GITHUB_OUTPUT"] = output_file.name
        print(f"::group::{name}", flush=True)
        status = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script_file.name],
                                cwd=workspace, env=env).returncode
        print("::endgroup::", flush=True)
        os.unlink(script_file.name)
        if step.get("id"):
            step_outputs[step["id"]] = read_outputs(output_file.name)
        os.unlink(output_file.name)
        if status != 0:
            print(f"run_action: step {name!r} failed with {status}", flush=True)
            break
    outputs = {name: evaluate(spec["value"], inputs, step_outputs) for name, spec in action.get("outputs", {}).items()}
    print(json.dumps(outputs), flush=True)
    sys.exit(status)


if __name__ == "__main__":
    main()
