"""Draw Site Tracker's icon (a calendar page with a check mark) into packaging/: a PNG for
Linux and macOS builds and a multi-size ICO for Windows. Run once; the files are committed."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[1] / "packaging"


def draw(size: int = 256) -> Image.Image:
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    s = size / 256
    d.rounded_rectangle((16 * s, 28 * s, 240 * s, 240 * s), radius=28 * s,
                        fill=(255, 255, 255, 255), outline=(29, 78, 216, 255), width=int(10 * s))
    d.rounded_rectangle((16 * s, 28 * s, 240 * s, 84 * s), radius=28 * s, fill=(29, 78, 216, 255))
    d.rectangle((16 * s, 60 * s, 240 * s, 84 * s), fill=(29, 78, 216, 255))
    for x in (72, 184):
        d.rounded_rectangle(((x - 9) * s, 8 * s, (x + 9) * s, 52 * s), radius=8 * s,
                            fill=(55, 65, 81, 255))
    d.line(((70 * s, 160 * s), (112 * s, 200 * s), (190 * s, 112 * s)), fill=(21, 128, 61, 255),
           width=int(22 * s), joint="curve")
    return img


def main() -> None:
    icon = draw()
    icon.save(OUT / "sitetrack.png")
    icon.save(OUT / "sitetrack.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64),
                                            (128, 128), (256, 256)])
    print(f"icons written to {OUT}")


if __name__ == "__main__":
    main()
