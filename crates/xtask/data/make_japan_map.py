#!/usr/bin/env python3
"""Writes a small static SVG map of Japan's 47 prefectures, one <path> per prefecture.

Source: the prefecture TopoJSON of the repository smartnews-smri/japan-topography, file
data/municipality/topojson/s0010/prefectures.json (derived from MLIT's National Land Numerical
Information "administrative areas" N03, 2021; CC BY 4.0, see frontend/static/README-map.md).

Usage (Python 3 standard library only):

    git --git-dir=<bare clone of smartnews-smri/japan-topography> \
        show HEAD:data/municipality/topojson/s0010/prefectures.json > /tmp/prefectures.json
    python3 crates/xtask/data/make_japan_map.py /tmp/prefectures.json frontend/static/japan-prefectures.svg

Because the input is a topology (borders shared by two prefectures are one arc), every arc is
simplified once, so neighbours keep exactly the same border after simplification. Steps:
decode the arcs, project them (equirectangular, longitudes scaled by cos 36°), simplify each arc
with Douglas-Peucker (its ends fixed), drop islands smaller than MIN_ISLAND_KM2 (each prefecture
keeps at least its largest piece), move Okinawa into an inset at the top left, round to
integers and write the paths with relative coordinates.
"""

import json
import math
import sys

# JIS X 0401 prefecture codes, in order: the index + 1 is the code.
PREFECTURES = (
    "北海道 青森県 岩手県 宮城県 秋田県 山形県 福島県 茨城県 栃木県 群馬県 埼玉県 千葉県 東京都 "
    "神奈川県 新潟県 富山県 石川県 福井県 山梨県 長野県 岐阜県 静岡県 愛知県 三重県 滋賀県 京都府 "
    "大阪府 兵庫県 奈良県 和歌山県 鳥取県 島根県 岡山県 広島県 山口県 徳島県 香川県 愛媛県 高知県 "
    "福岡県 佐賀県 長崎県 熊本県 大分県 宮崎県 鹿児島県 沖縄県"
).split()
OKINAWA = "47"

SOURCE_REPO = "smartnews-smri/japan-topography"
SOURCE_PATH = "data/municipality/topojson/s0010/prefectures.json"

LAT0 = 36.0              # latitude whose scale is kept: x = lon * cos(LAT0)
UNITS_PER_DEGREE = 100.0  # SVG units per degree of latitude (~1.1 km per unit)
TOLERANCE = 0.8           # Douglas-Peucker tolerance, SVG units
MIN_ISLAND_KM2 = 40.0     # smaller pieces are dropped (unless a prefecture's largest)
MARGIN = 12.0             # SVG units around the drawing
KM_PER_DEGREE = 111.2     # of latitude


def decode_arcs(topology):
    """Answers the arcs as lists of (lon, lat)."""
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


def project(lon, lat):
    k = math.cos(math.radians(LAT0))
    return (lon * k * UNITS_PER_DEGREE, -lat * UNITS_PER_DEGREE)


def segment_distance(p, a, b):
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def douglas_peucker(points, tolerance):
    """Simplifies an open line, keeping both ends (iterative, no recursion limit)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, None
        for i in range(first + 1, last):
            d = segment_distance(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep) if k]


def simplify_arc(points, tolerance):
    if len(points) > 3 and points[0] == points[-1]:
        # A closed arc (an island): split it at its point farthest from the start.
        far = max(range(len(points)), key=lambda i: math.dist(points[0], points[i]))
        return douglas_peucker(points[: far + 1], tolerance)[:-1] + douglas_peucker(points[far:], tolerance)
    return douglas_peucker(points, tolerance)


def ring_points(ring, arcs):
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def area(points):
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]))) / 2


def main(source, target):
    with open(source, encoding="utf-8") as f:
        topology = json.load(f)
    geometries = next(iter(topology["objects"].values()))["geometries"]
    projected = [[project(lon, lat) for lon, lat in arc] for arc in decode_arcs(topology)]
    simplified = [simplify_arc(arc, TOLERANCE) for arc in projected]
    km_per_unit = KM_PER_DEGREE / UNITS_PER_DEGREE
    min_area = MIN_ISLAND_KM2 / (km_per_unit * km_per_unit)

    # code -> list of polygons, each a list of rings of projected points (first ring outer).
    shapes = {}
    for geometry in geometries:
        name = geometry["properties"]["N03_001"]
        code = "%02d" % (PREFECTURES.index(name) + 1)
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        measured = [(area(ring_points(p[0], projected)), p) for p in polygons]
        largest = max(a for a, _ in measured)
        kept = []
        for polygon_area, polygon in measured:
            if polygon_area < min_area and polygon_area < largest:
                continue
            rings = [ring_points(r, simplified) for r in polygon]
            rings = [rings[0]] + [r for r in rings[1:] if area(r) >= min_area]
            kept.append(rings)
        shapes.setdefault(code, []).extend(kept)
    assert sorted(shapes) == ["%02d" % i for i in range(1, 48)], sorted(shapes)

    def bounds(codes):
        xs = [x for c in codes for p in shapes[c] for r in p for x, _ in r]
        ys = [y for c in codes for p in shapes[c] for r in p for _, y in r]
        return min(xs), min(ys), max(xs), max(ys)

    mainland = [c for c in shapes if c != OKINAWA]
    x0, y0, x1, y1 = bounds(mainland)
    ox0, oy0, ox1, oy1 = bounds([OKINAWA])
    # Okinawa goes to the top left corner (the Sea of Japan off Korea is empty there).
    dx, dy = x0 + MARGIN - ox0, y0 + MARGIN - oy0
    shapes[OKINAWA] = [[[(x + dx, y + dy) for x, y in r] for r in p] for p in shapes[OKINAWA]]
    frame_x = round(x0 + 2 * MARGIN + (ox1 - ox0))
    frame_y = round(y0 + 2 * MARGIN + (oy1 - oy0))
    left, top = math.floor(x0 - MARGIN), math.floor(y0 - MARGIN)
    width, height = math.ceil(x1 + MARGIN) - left, math.ceil(y1 + MARGIN) - top

    def path_data(polygons):
        out = []
        for polygon in polygons:
            for ring in polygon:
                rounded = []
                for x, y in ring:
                    p = (round(x) - left, round(y) - top)
                    if not rounded or p != rounded[-1]:
                        rounded.append(p)
                while len(rounded) > 1 and rounded[-1] == rounded[0]:
                    rounded.pop()
                if len(rounded) < 3:
                    continue
                parts = ["M%d %d" % rounded[0]]
                moves = ["%d %d" % (b[0] - a[0], b[1] - a[1]) for a, b in zip(rounded, rounded[1:])]
                parts.append("l" + " ".join(moves).replace(" -", "-") + "z")
                out.append("".join(parts))
        return "".join(out)

    lines = [
        "<!-- Japan's 47 prefectures (JIS X 0401 codes in id/data-code). "
        "出典：「国土数値情報（行政区域データ）」（国土交通省）N03, 2021 edition, を加工して作成. "
        "Licence: MLIT National Land Numerical Information terms of use, CC BY 4.0 (attribution required). "
        "Taken as prepared (1%% simplified TopoJSON) in the GitHub repository %s, file %s; "
        "then projected, simplified again (Douglas-Peucker, islands under %g km2 dropped) "
        "and Okinawa moved to an inset at the top left by crates/xtask/data/make_japan_map.py. -->"
        % (SOURCE_REPO, SOURCE_PATH, MIN_ISLAND_KM2),
        '<svg xmlns="http://www.w3.org/2000/svg" class="japan-prefectures" viewBox="0 0 %d %d" role="img"'
        ' aria-label="日本の都道府県">'
        % (width, height),
        "<style>.japan-prefectures .pref{stroke:#fff;stroke-width:.75px;stroke-linejoin:round;fill-rule:evenodd;"
        "vector-effect:non-scaling-stroke}"
        ".japan-prefectures .inset{fill:none;stroke:#999;stroke-width:1px;vector-effect:non-scaling-stroke}</style>",
    ]
    lines.append('<polyline class="inset" points="%d %d %d %d %d %d"/>'
                 % (0, frame_y - top, frame_x - left, frame_y - top, frame_x - left, 0))
    for code in sorted(shapes):
        lines.append('<path id="pref-%s" class="pref" data-code="%s" d="%s"><title>%s</title></path>'
                     % (code, code, path_data(shapes[code]), PREFECTURES[int(code) - 1]))
    lines.append("</svg>")
    with open(target, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: make_japan_map.py <prefectures TopoJSON> <output SVG>")
    main(sys.argv[1], sys.argv[2])
