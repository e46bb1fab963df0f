"""CNEMC station-hour importer: one test per HJ 663 / HJ 633 rule, on files written here."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.errors import InputError
from analysis.panel import cnemc

CLEAN_AIR = {"pm2_5": 20, "pm10": 40, "so2": 8, "no2": 20, "co": 0.6, "o3": 60}


def station_hours(station: str, area: str, days, hours=range(24), background=False,
                  **values) -> list[dict]:
    """Rows of one station for the given days and hours, clean air unless overridden."""
    name = "监测站对照点" if background else "监测站"
    rows = []
    for day in days:
        for hour in hours:
            row = {c: "" for c in cnemc.COLUMNS}
            row.update(timepoint=f"{day} {hour:02d}:00:00", stationcode=station,
                       area=area, positionname=name, longitude="114.5", latitude="38.0")
            row.update({k: str(v) for k, v in {**CLEAN_AIR, **values}.items()})
            rows.append(row)
    return rows


def write(folder, name: str, rows: list[dict]):
    folder.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(rows, columns=cnemc.COLUMNS).to_csv(folder / name, index=False)


def days_of(year: int, n: int) -> list[str]:
    return [d.strftime("%Y-%m-%d") for d in pd.date_range(f"{year}-01-01", periods=n)]


def test_iaqi_breakpoints_by_hand():
    assert cnemc.iaqi(75, "pm2_5") == 100
    assert cnemc.iaqi(80, "pm2_5") == 107  # 100 + 50/40 * 5 = 106.25, rounded up
    assert cnemc.iaqi(200, "o3_8h") == 137  # 100 + 50/55 * 40 = 136.4
    assert math.isnan(cnemc.iaqi(float("nan"), "so2"))


def test_a_day_with_19_hours_has_no_daily_mean(tmp_path):
    rows = station_hours("1001A", "石家庄", ["2021-03-01"], hours=range(19))
    rows += station_hours("1001A", "石家庄", ["2021-03-02"], hours=range(20))
    write(tmp_path, "a.csv", rows)
    days = cnemc.aggregate(tmp_path)["city_day"].set_index("day")
    assert pd.isna(days.loc["2021-03-01", "pm2_5"]) and pd.isna(days.loc["2021-03-01", "aqi"])
    assert days.loc["2021-03-02", "pm2_5"] == 20


def test_a_year_with_323_valid_days_has_no_annual_value(tmp_path):
    write(tmp_path, "a.csv", station_hours("1001A", "石家庄", days_of(2021, 323))
          + station_hours("1001A", "石家庄", days_of(2022, 324)))
    years = cnemc.aggregate(tmp_path)["city_year"].set_index("year")
    assert pd.isna(years.loc[2021, "pm25"]) and pd.isna(years.loc[2021, "good_air_ratio"])
    assert years.loc[2021, "pm25_missing_days"] == 365 - 323
    assert years.loc[2022, "pm25"] == 20 and years.loc[2022, "good_air_ratio"] == 100
    assert years.loc[2022, "aqi_missing_days"] == 41


def test_background_station_is_excluded(tmp_path):
    day = ["2021-05-01"]
    write(tmp_path, "a.csv", station_hours("1001A", "石家庄", day, pm2_5=30)
          + station_hours("1002A", "石家庄", day, pm2_5=50)
          + station_hours("1003A", "石家庄", day, pm2_5=400, background=True))
    days = cnemc.aggregate(tmp_path)["city_day"]
    assert days.loc[0, "pm2_5"] == 40  # (30 + 50) / 2, the background station left out


def test_an_ozone_driven_day_is_not_good(tmp_path):
    write(tmp_path, "a.csv", station_hours("1001A", "石家庄", ["2021-06-01"], o3=200))
    day = cnemc.aggregate(tmp_path)["city_day"].iloc[0]
    assert day["o3_8h_max"] == 200
    assert day["aqi"] == 137 and day["primary_pollutant"] == "o3"
    assert not day["good"]


def test_ozone_eight_hour_maximum_needs_its_windows(tmp_path):
    # o3 high from 10:00 to 17:00 only: the best window (10-17) has mean 160
    rows = station_hours("1001A", "石家庄", ["2021-06-02"], hours=range(10), o3=0)
    rows += station_hours("1001A", "石家庄", ["2021-06-02"], hours=range(10, 18), o3=160)
    rows += station_hours("1001A", "石家庄", ["2021-06-02"], hours=range(18, 24), o3=0)
    write(tmp_path, "a.csv", rows)
    day = cnemc.aggregate(tmp_path)["city_day"].iloc[0]
    assert day["o3_8h_max"] == 160 and day["aqi"] == 100 and day["good"]


def test_cities_map_to_the_gazetteer_and_provinces_average_cities(tmp_path):
    days = days_of(2021, 330)
    write(tmp_path, "a.csv", station_hours("1001A", "石家庄", days, pm2_5=30)
          + station_hours("1101A", "保定市", days, pm2_5=50)
          + station_hours("2001A", "北京", days, pm2_5=33))
    tables = cnemc.aggregate(tmp_path)
    provinces = tables["province_year"].set_index("province")
    assert provinces.loc["河北省", "pm25"] == 40 and provinces.loc["河北省", "pm25_cities"] == 2
    assert provinces.loc["北京市", "pm25"] == 33
    rows = cnemc.outcomes(tables)
    assert set(rows["jurisdiction"]) == {"石家庄市", "保定市", "北京市", "河北省"}
    assert (rows["file"] == "cnemc").all() and rows["months"].isna().all()


def test_unknown_city_and_bad_columns_are_one_line_errors(tmp_path):
    write(tmp_path / "x", "a.csv", station_hours("1001A", "不存在", ["2021-01-01"]))
    with pytest.raises(InputError, match=r"a.csv: city '不存在' is not a prefecture"):
        cnemc.aggregate(tmp_path / "x")
    (tmp_path / "y").mkdir()
    (tmp_path / "y" / "b.csv").write_text("timepoint,aqi\n2021-01-01 00:00:00,30\n")
    with pytest.raises(InputError, match=r"b.csv: columns must be timepoint,stationcode"):
        cnemc.aggregate(tmp_path / "y")


def test_station_files_enter_the_panel_as_a_user_source(tmp_path, root):
    from analysis.panel import build

    raw, clean = tmp_path / "raw", tmp_path / "clean"
    (raw / "reference").mkdir(parents=True)
    for path in (root / "data/raw/reference").glob("*.csv"):
        (raw / "reference" / path.name).write_bytes(path.read_bytes())
    clean.mkdir()
    from analysis.panel import metadata

    metadata.empty("records").to_csv(clean / "records.csv", index=False)
    metadata.empty("mentions").to_csv(clean / "mentions.csv", index=False)
    days = days_of(2021, 330)
    write(raw / "outcomes" / cnemc.SUBFOLDER, "2021.csv",
          station_hours("1001A", "石家庄", days, pm2_5=30)
          + station_hours("1101A", "保定", days, pm2_5=50))
    build.run(raw, clean, tmp_path / "tables")
    panel = pd.read_csv(clean / "panel.csv").set_index(["jurisdiction", "year"])
    # the province-year mean of the two cities outranks the reference series
    assert panel.loc[("河北省", 2021), "pm25"] == 40
    assert panel.loc[("河北省", 2021), "pm25_source_type"] == "external"
    assert panel.loc[("河北省", 2021), "pm25_source"].startswith("cnemc: CNEMC station-hour")
    assert panel.loc[("石家庄市", 2021), "good_air_ratio"] == 100
    years = pd.read_csv(clean / "cnemc_city_year.csv")
    assert set(years["aqi_missing_days"]) == {35}
