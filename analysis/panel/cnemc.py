"""National monitoring network (CNEMC) station-hour CSV files -> city and province outcomes.

Files (``data/raw/outcomes/cnemc/*.csv``, UTF-8) have the columns of :data:`COLUMNS`: one
row per station and hour; ``area`` is the city, and a station whose ``positionname``
contains 对照点 is a background station. Aggregation follows HJ 663-2013 and HJ 633-2012:

* background stations are excluded; a city's hourly concentration is the mean of its
  stations' valid hourly values (empty, non-numeric or negative values are missing);
* a city-day mean of PM2.5, PM10, SO2, NO2 and CO needs >= 20 valid hours
  (:data:`MIN_HOURS`); the O3 daily value is the maximum 8-hour moving mean over the
  windows starting 00:00-16:00 of the day, each needing >= 6 hours, the maximum >= 14
  valid windows;
* daily AQI is the largest IAQI of the six daily values (24-hour breakpoints; O3 by its
  maximum 8-hour mean, by its maximum 1-hour value above 800 ug/m3), rounded up; a day
  has an AQI only when all six are valid; good day = AQI <= 100;
* a city-year value (annual mean PM2.5; share of good days among days with an AQI) needs
  >= 324 valid days (:data:`MIN_DAYS`); missing days are the calendar days without one;
* a province-year value is the mean of its cities' valid city-year values.

Cities are mapped to the gazetteer (a prefecture named as in the file or with 市 added;
Beijing, Tianjin, Shanghai and Chongqing are both city and province); an unknown city
stops the import with an error naming the file.
"""

from __future__ import annotations

import calendar
import math
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import InputError

COLUMNS = ["timepoint", "stationcode", "longitude", "latitude", "area", "positionname",
           "primarypollutant", "aqi", "pm10", "pm10_24h", "pm2_5", "pm2_5_24h", "o3",
           "o3_24h", "o3_8h", "o3_8h_24h", "no2", "no2_24h", "so2", "so2_24h", "co", "co_24h"]
BACKGROUND = "对照点"
DAILY_MEAN = ["pm2_5", "pm10", "so2", "no2", "co"]
MIN_HOURS = 20
MIN_O3_WINDOW_HOURS = 6
MIN_O3_WINDOWS = 14
MIN_DAYS = 324
GOOD_AQI = 100
SUBFOLDER = "cnemc"

#: HJ 633-2012 table 1: IAQI levels and the concentration breakpoints of each daily value
#: (ug/m3; CO in mg/m3); o3_1h applies where the maximum 8-hour mean exceeds 800.
IAQI = [0, 50, 100, 150, 200, 300, 400, 500]
BREAKPOINTS = {
    "so2": [0, 50, 150, 475, 800, 1600, 2100, 2620],
    "no2": [0, 40, 80, 180, 280, 565, 750, 940],
    "pm10": [0, 50, 150, 250, 350, 420, 500, 600],
    "co": [0, 2, 4, 14, 24, 36, 48, 60],
    "o3_8h": [0, 100, 160, 215, 265, 800],
    "o3_1h": [0, 160, 200, 300, 400, 800, 1000, 1200],
    "pm2_5": [0, 35, 75, 115, 150, 250, 350, 500],
}
O3_8H_TOP = 800
MUNICIPALITIES = {"北京市", "天津市", "上海市", "重庆市"}


def iaqi(concentration: float, pollutant: str) -> float:
    """Individual AQI of one daily value (HJ 633 formula, rounded up); NaN if missing."""
    if concentration is None or np.isnan(concentration):
        return float("nan")
    points = BREAKPOINTS[pollutant]
    if concentration >= points[-1]:
        return float(IAQI[len(points) - 1])
    for i in range(1, len(points)):
        if concentration <= points[i]:
            low, high = points[i - 1], points[i]
            value = (IAQI[i] - IAQI[i - 1]) / (high - low) * (concentration - low) + IAQI[i - 1]
            return float(math.ceil(round(value, 9)))
    raise AssertionError("unreachable")


def read_file(path: Path) -> pd.DataFrame:
    """One station-hour file: checked columns, parsed times, numeric values."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    if list(frame.columns) != COLUMNS:
        raise InputError(path, f"columns must be {','.join(COLUMNS)}")
    times = pd.to_datetime(frame["timepoint"], errors="coerce", format="mixed")
    if times.isna().any():
        row = int(times.isna().to_numpy().argmax())
        raise InputError(path, f"row {row + 2}: timepoint {frame['timepoint'][row]!r} "
                         "is not a date and hour")
    out = pd.DataFrame({"time": times, "station": frame["stationcode"].str.strip(),
                        "area": frame["area"].str.strip(),
                        "background": frame["positionname"].str.contains(BACKGROUND)})
    for column in ("pm2_5", "pm10", "so2", "no2", "co", "o3"):
        values = pd.to_numeric(frame[column], errors="coerce")
        out[column] = values.where(values >= 0)
    if (out["area"] == "").any():
        row = int((out["area"] == "").to_numpy().argmax())
        raise InputError(path, f"row {row + 2}: area (city) is empty")
    duplicated = out.duplicated(["station", "time"])
    if duplicated.any():
        row = int(duplicated.to_numpy().argmax())
        raise InputError(path, f"row {row + 2}: station {out['station'][row]} hour "
                         f"{out['time'][row]} appears twice")
    out["file"] = path.name
    return out


def city_of(area: str) -> tuple[str, str] | None:
    """(city, province) in the gazetteer for a file's area name; None if unknown."""
    from analysis.gazetteer import lookup

    for name in (area, f"{area}市"):
        if name in MUNICIPALITIES:
            return name, name
    places = {(p.name, p.parent) for name in (area, f"{area}市") for p in lookup(name)
              if p.level == "prefecture"}
    return places.pop() if len(places) == 1 else None


def city_hours(stations: pd.DataFrame) -> pd.DataFrame:
    """City-hour concentrations: mean over the city's non-background stations."""
    stations = stations[~stations["background"]]
    values = ["pm2_5", "pm10", "so2", "no2", "co", "o3"]
    return stations.groupby(["city", "time"], sort=True)[values].mean().reset_index()


def _o3_daily(hours: pd.DataFrame) -> pd.Series:
    """Maximum 8-hour O3 mean per city-day (windows starting 0-16 h, >= 6 hours each)."""
    out = {}
    for city, group in hours.groupby("city", sort=True):
        series = group.set_index("time")["o3"]
        start, end = series.index.min().normalize(), series.index.max().normalize()
        full = series.reindex(pd.date_range(start, end + pd.Timedelta(hours=23), freq="h"))
        # the mean of hours t..t+7, labelled by its first hour t
        window = full[::-1].rolling(8, min_periods=MIN_O3_WINDOW_HOURS).mean()[::-1]
        window = window[window.index.hour <= 16]
        by_day = window.groupby(window.index.normalize())
        best = by_day.max().where(by_day.count() >= MIN_O3_WINDOWS)
        for day, value in best.items():
            out[(city, day)] = value
    return pd.Series(out, dtype="float64")


def city_days(hours: pd.DataFrame) -> pd.DataFrame:
    """City-day values, IAQI-based AQI and good-day flag (HJ 663 / HJ 633 rules above)."""
    hours = hours.assign(day=hours["time"].dt.normalize())
    grouped = hours.groupby(["city", "day"], sort=True)
    means = grouped[DAILY_MEAN].mean().where(grouped[DAILY_MEAN].count() >= MIN_HOURS)
    hourly_o3 = grouped["o3"].max().where(grouped["o3"].count() >= MIN_HOURS)
    days = means.assign(o3_1h_max=hourly_o3)
    o3 = _o3_daily(hours)
    days["o3_8h_max"] = [o3.get(key, np.nan) for key in days.index]
    iaqis = pd.DataFrame({p: days[p].map(lambda c, p=p: iaqi(c, p)) for p in DAILY_MEAN})
    o3_iaqi = days["o3_8h_max"].map(lambda c: iaqi(c, "o3_8h"))
    above = days["o3_8h_max"] > O3_8H_TOP
    o3_iaqi[above] = days.loc[above, "o3_1h_max"].map(lambda c: iaqi(c, "o3_1h"))
    iaqis["o3"] = o3_iaqi
    complete = iaqis.notna().all(axis=1)
    days["aqi"] = iaqis.max(axis=1).where(complete)
    days["primary_pollutant"] = iaqis.idxmax(axis=1).where(complete & (days["aqi"] > 50))
    days["good"] = (days["aqi"] <= GOOD_AQI).where(complete).astype("boolean")
    return days.reset_index()


def city_years(days: pd.DataFrame) -> pd.DataFrame:
    """City-year annual mean PM2.5 and good-day share (>= MIN_DAYS valid days), with the
    valid and missing days of each."""
    days = days.assign(year=days["day"].dt.year)
    rows = []
    for (city, year), group in days.groupby(["city", "year"], sort=True):
        n_days = 366 if calendar.isleap(year) else 365
        pm_days = int(group["pm2_5"].notna().sum())
        aqi_days = int(group["aqi"].notna().sum())
        rows.append({
            "city": city, "year": int(year),
            "pm25": group["pm2_5"].mean() if pm_days >= MIN_DAYS else np.nan,
            "pm25_valid_days": pm_days, "pm25_missing_days": n_days - pm_days,
            "good_air_ratio": (100 * group["good"].sum() / aqi_days
                               if aqi_days >= MIN_DAYS else np.nan),
            "aqi_valid_days": aqi_days, "aqi_missing_days": n_days - aqi_days,
        })
    return pd.DataFrame(rows)


def province_years(years: pd.DataFrame, provinces: dict[str, str]) -> pd.DataFrame:
    """Province-year means of the valid city-year values, with the number of cities."""
    years = years.assign(province=years["city"].map(provinces))
    rows = []
    for (province, year), group in years.groupby(["province", "year"], sort=True):
        row = {"province": province, "year": int(year)}
        for variable in ("pm25", "good_air_ratio"):
            valid = group[variable].dropna()
            row[variable] = valid.mean() if len(valid) else np.nan
            row[f"{variable}_cities"] = len(valid)
        rows.append(row)
    return pd.DataFrame(rows)


def read_folder(folder: str | Path) -> tuple[pd.DataFrame, dict[str, str]]:
    """All station-hour files of ``folder`` with their city, and city -> province."""
    folder = Path(folder)
    paths = sorted(folder.glob("*.csv")) if folder.exists() else []
    frames, provinces = [], {}
    for path in paths:
        frame = read_file(path)
        for area in sorted(frame["area"].unique()):
            place = city_of(area)
            if place is None:
                raise InputError(path, f"city {area!r} is not a prefecture of the gazetteer")
            provinces[place[0]] = place[1]
        frame["city"] = frame["area"].map(lambda a: city_of(a)[0])
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=["time", "station", "city", "background"]), {}
    stations = pd.concat(frames, ignore_index=True)
    duplicated = stations.duplicated(["station", "time"])
    if duplicated.any():
        row = stations[duplicated].iloc[0]
        raise InputError(folder / row["file"], f"station {row['station']} hour {row['time']} "
                         "is also in another file")
    return stations, provinces


def aggregate(folder: str | Path) -> dict[str, pd.DataFrame]:
    """city_day, city_year and province_year tables of a folder (empty frames if none)."""
    stations, provinces = read_folder(folder)
    if stations.empty:
        return {}
    days = city_days(city_hours(stations))
    years = city_years(days)
    return {"city_day": days, "city_year": years,
            "province_year": province_years(years, provinces),
            "n_files": pd.DataFrame({"n": [stations["file"].nunique()]})}


def outcomes(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """City-year and province-year values as external outcome rows (see ``external``)."""
    from analysis.panel.external import COLUMNS as EXTERNAL

    if not tables:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in EXTERNAL})
    rows = []
    units = {"pm25": "ug/m3", "good_air_ratio": "pct"}
    for name, key in (("city_year", "city"), ("province_year", "province")):
        frame = tables[name]
        for variable, unit in units.items():
            valid = frame[frame[variable].notna()]
            if name == "city_year":
                days = valid[f"{'pm25' if variable == 'pm25' else 'aqi'}_valid_days"]
                basis = "city mean of stations, " + days.astype(str) + " valid days"
            else:
                basis = "mean of " + valid[f"{variable}_cities"].astype(str) + " cities"
            rows.append(pd.DataFrame({
                "jurisdiction": valid[key], "year": valid["year"].astype("int64"),
                "variable": variable, "months": pd.NA, "value": valid[variable].round(3),
                "unit": unit, "file": SUBFOLDER,
                "source": "CNEMC station-hour files, HJ 663/HJ 633 (" + basis + ")",
            }))
    return pd.concat(rows, ignore_index=True)[EXTERNAL]
