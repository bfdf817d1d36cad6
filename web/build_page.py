#!/usr/bin/python3
"""Builds the calculator's page.

  build_page.py shell --template web/shell.html --variant normal|single --connect-src "'self'"
                      --scripts web/page/*.js --languages i18n/*.json --output shell.html
                      [--minify-with node]
      The shell Emscripten links into: the page's scripts inlined (in file
      name order; minified by web/minify_js.cjs when node is given) and every
      language's "page" strings as a JSON data block.
  build_page.py csp build/wasm/web/index.html
      After linking: puts the sha256 of every inline <script> and <style> into
      the Content-Security-Policy in place of its placeholders, so the policy
      allows exactly these and no 'unsafe-inline'.
"""
import argparse
import base64
import hashlib
import html
import json
import pathlib
import os
import re
import subprocess
import sys
import tempfile


def shell(args):
    template = pathlib.Path(args.template).read_text(encoding="utf-8")
    scripts = []
    for path in sorted(args.scripts, key=lambda p: pathlib.Path(p).name):
        text = pathlib.Path(path).read_text(encoding="utf-8")
        if "</script" in text.lower():
            sys.exit(f"{path}: must not contain </script")
        scripts.append(f"// ---- {pathlib.Path(path).name}\n{text}")
    strings = {}
    for path in args.languages:  # in the build's order: English first, then ELIG_LANGUAGES
        language = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
        strings[language["language"]] = {"name": language["name"], **language["page"]}
    script = "\n".join(scripts)
    if args.minify_with:
        script = minified(script, args.minify_with)
    data = json.dumps(strings, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    replacements = {
        "@ELIG_CONNECT_SRC@": args.connect_src,
        "@ELIG_BUILD_VARIANT@": args.variant,
        "@ELIG_PAGE_STRINGS@": data,
        "@ELIG_PAGE_SCRIPT@": script,
    }
    for key, value in replacements.items():
        if key not in template:
            sys.exit(f"{args.template}: no {key}")
        template = template.replace(key, value)
    template = re.sub(r"<style>(.*?)</style>", lambda m: "<style>" + minified_css(m.group(1)) + "</style>", template, flags=re.S)
    pathlib.Path(args.output).write_text(template, encoding="utf-8")


def minified_css(css):
    """The style without comments and the spaces CSS ignores. Spaces around
    ':' stay (in a selector "a :hover" is not "a:hover"), and the page's
    style has no strings."""
    if '"' in css or "'" in css:
        sys.exit("web/shell.html: the style has a string; minified_css would change it")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"\s+", " ", css)
    css = re.sub(r"\s*([{};,])\s*", r"\1", css)
    return css.replace(";}", "}").strip()


def minified(script, node):
    tool = pathlib.Path(__file__).with_name("minify_js.cjs")
    env = dict(os.environ, NODE_PATH=os.environ.get("NODE_PATH", "/usr/share/nodejs"))
    with tempfile.TemporaryDirectory(prefix="page-script-") as tmp:
        source, target = pathlib.Path(tmp) / "page.js", pathlib.Path(tmp) / "page.min.js"
        source.write_text(script, encoding="utf-8")
        subprocess.run([node, str(tool), "script", str(source), str(target)], env=env, check=True)
        return target.read_text(encoding="utf-8")


def digest(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def csp(args):
    path = pathlib.Path(args.page)
    page = path.read_text(encoding="utf-8")
    # Inline scripts that run (JSON data blocks do not), and inline styles.
    scripts = [m.group(2) for m in re.finditer(r"<script([^>]*)>(.*?)</script>", page, re.S)
               if "src=" not in m.group(1) and "application/json" not in m.group(1)]
    styles = [m.group(1) for m in re.finditer(r"<style>(.*?)</style>", page, re.S)]
    if "'@SCRIPT_HASHES@'" not in page or "'@STYLE_HASHES@'" not in page:
        sys.exit(f"{path}: the Content-Security-Policy has no hash placeholders (built already?)")
    page = page.replace("'@SCRIPT_HASHES@'", " ".join(digest(s) for s in scripts) or "'none'")
    page = page.replace("'@STYLE_HASHES@'", " ".join(digest(s) for s in styles) or "'none'")
    path.write_text(page, encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    s = commands.add_parser("shell")
    s.add_argument("--template", required=True)
    s.add_argument("--variant", required=True, choices=["normal", "single"])
    s.add_argument("--connect-src", required=True)
    s.add_argument("--scripts", nargs="+", required=True)
    s.add_argument("--languages", nargs="+", required=True)
    s.add_argument("--output", required=True)
    s.add_argument("--minify-with", help="node, to minify the scripts with web/minify_js.cjs")
    c = commands.add_parser("csp")
    c.add_argument("page")
    args = parser.parse_args()
    {"shell": shell, "csp": csp}[args.command](args)


if __name__ == "__main__":
    main()
