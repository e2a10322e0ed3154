"""Local engine: resize, outpaint and remove-background on a 24 MP JPEG — Image Studio's engine
in-process (studio-bench), the `vips` CLI, and Pillow doing the same work. Whole processes are
timed (load, operate, save), best of RUNS, each in a fresh process so peak RSS is its own."""
import os
import pathlib
import subprocess
import sys
import tempfile

from common import FIXTURES, RELEASE, machine, ratio, run_measured, write_results

RUNS = int(os.environ.get("BENCH_RUNS", "3"))

PILLOW = r'''
import sys
from PIL import Image, ImageDraw
import numpy as np
op, src, dst = sys.argv[1:4]
image = Image.open(src)
image.load()
if op == "resize":
    out = image.resize((image.width // 2, image.height // 2), Image.LANCZOS)
elif op == "outpaint":
    out = Image.fromarray(np.pad(np.asarray(image), ((256, 256), (256, 256), (0, 0)), mode="edge"))
else:
    # Flood fill from the border with a tolerance, the fill becoming transparent (what the local engine does).
    rgba = image.convert("RGBA")
    marker = (255, 0, 255, 0)
    for corner in [(0, 0), (rgba.width - 1, 0), (0, rgba.height - 1), (rgba.width - 1, rgba.height - 1)]:
        ImageDraw.floodfill(rgba, corner, marker, thresh=40)
    out = rgba
out.save(dst)
'''


def make_input(folder):
    """A 6000×4000 JPEG: a photo of a subject on a plain white studio background."""
    big = folder / "subject.v"
    subprocess.run(["vips", "resize", str(FIXTURES / "astronaut.png"), str(big), str(3000 / 512)], check=True)
    path = folder / "input-24mp.jpg"
    subprocess.run(["vips", "embed", str(big), f"{path}[Q=90]", "1500", "500", "6000", "4000", "--extend", "white"], check=True)
    return path


def main():
    bench = RELEASE / "studio-bench"
    if not bench.exists():
        sys.exit(f"build it first: swift build -c release --product studio-bench ({bench} is missing)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp)
        source = make_input(folder)
        pillow = folder / "pillow_op.py"
        pillow.write_text(PILLOW)
        commands = {
            "resize": {
                "ours": [str(bench), "resize", str(source), str(folder / "ours-resize.jpg")],
                "vips": ["vips", "resize", str(source), str(folder / "vips-resize.jpg"), "0.5"],
                "pillow": [sys.executable, str(pillow), "resize", str(source), str(folder / "pil-resize.jpg")],
            },
            "outpaint": {
                "ours": [str(bench), "outpaint", str(source), str(folder / "ours-out.jpg")],
                "vips": ["vips", "embed", str(source), str(folder / "vips-out.jpg"), "256", "256", "6512", "4512", "--extend", "copy"],
                "pillow": [sys.executable, str(pillow), "outpaint", str(source), str(folder / "pil-out.jpg")],
            },
            "remove-background": {
                "ours": [str(bench), "remove-background", str(source), str(folder / "ours-cut.png")],
                "pillow": [sys.executable, str(pillow), "remove-background", str(source), str(folder / "pil-cut.png")],
            },
        }
        rows = []
        for operation, tools in commands.items():
            row = {"operation": operation}
            for tool, command in tools.items():
                runs = [run_measured(command) for _ in range(RUNS)]
                row[tool] = {"seconds": round(min(r[0] for r in runs), 3), "peak_rss_mb": round(max(r[1] for r in runs), 1)}
            row["pillow_over_ours"] = ratio(row["pillow"]["seconds"], row["ours"]["seconds"])
            row["ours_over_vips"] = ratio(row["ours"]["seconds"], row.get("vips", {}).get("seconds"))
            rows.append(row)
    md = ["## Local engine on a 24 MP JPEG (6000×4000), best of %d, whole process\n" % RUNS,
          "| Operation | Ours s | Ours MB | vips CLI s | vips MB | Pillow s | Pillow MB | Pillow ÷ ours (target ≥ 4) | ours ÷ vips (target ≤ 1.3) |",
          "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        v = r.get("vips")
        md.append(f"| {r['operation']} | {r['ours']['seconds']} | {r['ours']['peak_rss_mb']} | {v['seconds'] if v else '—'} | "
                  f"{v['peak_rss_mb'] if v else '—'} | {r['pillow']['seconds']} | {r['pillow']['peak_rss_mb']} | "
                  f"{r['pillow_over_ours']} | {r['ours_over_vips'] or '— (no CLI equivalent)'} |")
    write_results("local-engine", {"machine": machine(), "runs": RUNS, "rows": rows}, "\n".join(md) + "\n")


if __name__ == "__main__":
    main()
