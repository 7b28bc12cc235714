"""Build the dashboard's world map (src/rasd/serve/static/world.json) from world-atlas' countries-110m TopoJSON.

Source: npm package world-atlas 2.0.2 (ISC licence, Copyright 2013-2019 Michael Bostock), which is
Natural Earth 1:110m Cultural Vectors (public domain). Get it without network access from the
project: `cd $(mktemp -d) && npm install world-atlas@2.0.2`, then

    python scripts/build_world_map.py path/to/node_modules/world-atlas/countries-110m.json

Output: {"source", "licence", "countries": [{"id": ISO numeric, "name", "d": SVG path}]} where the
path is already projected (equirectangular: x = longitude, y = -latitude, so the SVG viewBox is
"-180 -90 360 180"); the browser only draws it. Coordinates are rounded to 0.1 degree (about 11 km,
below what 1:110m resolves). Rings that cross the antimeridian (Russia, Fiji) jump from +180 to
-180 inside a ring: they are unwrapped (±360 at each jump over 180 degrees) and, when they then
reach past ±180, drawn a second time shifted by 360 so the viewBox clips both halves cleanly.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "rasd" / "serve" / "static" / "world.json"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list, indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out = [points[0]]
    shift = 0.0
    for (x0, _), (x1, y1) in zip(points, points[1:]):
        if x1 - x0 > 180:
            shift -= 360
        elif x0 - x1 > 180:
            shift += 360
        out.append((x1 + shift, y1))
    return out


def path_of(points: list[tuple[float, float]]) -> str:
    cells = []
    last = None
    for x, y in points:
        cell = (round(x, 1), round(-y, 1))
        if cell != last:
            cells.append(cell)
            last = cell
    if len(cells) < 3:
        return ""
    return "M" + "L".join(f"{x:g} {y:g}" for x, y in cells) + "Z"


def country_paths(topology: dict) -> list[dict]:
    arcs = decode_arcs(topology)
    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        kind = geometry.get("type")
        polygons = geometry["arcs"] if kind == "MultiPolygon" else [geometry["arcs"]] if kind == "Polygon" else []
        pieces = []
        for polygon in polygons:
            for indexes in polygon:
                points = unwrap(ring(arcs, indexes))
                pieces.append(path_of(points))
                low, high = min(x for x, _ in points), max(x for x, _ in points)
                if high > 180:
                    pieces.append(path_of([(x - 360, y) for x, y in points]))
                if low < -180:
                    pieces.append(path_of([(x + 360, y) for x, y in points]))
        d = "".join(p for p in pieces if p)
        if d:
            out.append({"id": geometry.get("id"), "name": (geometry.get("properties") or {}).get("name"), "d": d})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="world-atlas countries-110m.json")
    parser.add_argument("--output", type=Path, default=OUT)
    args = parser.parse_args()
    topology = json.loads(args.topojson.read_text("utf-8"))
    result = {"source": "world-atlas 2.0.2 countries-110m (Natural Earth 1:110m, public domain)",
              "licence": "ISC (world-atlas), public domain (Natural Earth)", "countries": country_paths(topology)}
    args.output.write_text(json.dumps(result, ensure_ascii=False, separators=(",", ":")), "utf-8")
    print(f"{len(result['countries'])} countries -> {args.output} ({args.output.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
