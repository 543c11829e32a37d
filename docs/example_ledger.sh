#!/bin/sh
# Build an EXAMPLE ledger of the bundled plan, to show what `jsj bulletin` and `jsj status` look like.
# The reports, notes, statistics and problems below are MADE UP for the illustration: no unit reported them.
#
#   docs/example_ledger.sh LEDGER.sqlite3        (the file must not exist yet)
set -eu

db=${1:?usage: example_ledger.sh LEDGER.sqlite3}
[ ! -e "$db" ] || { echo "example_ledger.sh: $db exists; give a new file" >&2; exit 1; }
docs=$(cd "$(dirname "$0")" && pwd)
jsj=${JSJ:-$docs/../.venv/bin/jsj}
[ -x "$jsj" ] || jsj=jsj
export JSJ_DB="$db"

"$jsj" init >/dev/null
r() { "$jsj" record "$@" >/dev/null; }
# May (before the 2022-05-25 cut-off) and June 2022
r 1 -u 省发展改革委 -p 20 -d 2022-05-20 -n "出台示范区平台建设方案"
r 1 -u 省发展改革委 -p 35 -d 2022-06-20 -n "两个承接平台完成规划评审"
r 1 -u 运城 -p 30 -d 2022-06-18 -n "运城经开区扩区方案已上报"
r 1 -u 临汾 -p 15 -d 2022-06-22
r 2 -u 省发展改革委 -p 40 -d 2022-06-21 -n "承接产业转移工作机制已印发"
r 2 -u 运城 -p 45 -d 2022-06-15
r 3 -u 省工信厅 -p 10 -d 2022-05-18
r 3 -u 省工信厅 -p 22 -d 2022-06-23 -n "梳理重点产业链招商图谱"
r 4 -u 省审批服务管理局 -p 50 -d 2022-06-10 -n "承诺制审批事项清单已公布"
r 5 -u 省商务厅 -p 25 -d 2022-06-24 -n "赴长三角举办推介会一场"
r 6 -u 省科技厅 -p 8 -d 2022-06-16
r 7 -u 运城 -p 30 -d 2022-06-20 -n "三市联席会议已召开"
r 9 -u 省交通厅 -p 20 -d 2022-05-10
r 9 -u 省交通厅 -p 35 -d 2022-06-19 -n "运城机场改扩建完成可研批复"
r 9 -u 临汾 -p 12 -d 2022-06-22 -n "临汾段征地拆迁启动"
r 10 -u 省能源局 -p 28 -d 2022-06-17 -n "两个风电项目开工"
r 11 -u 省生态环境厅 -p 30 -d 2022-06-21
r 12 -u 省工信厅 -p 5 -d 2022-06-12
r 13 -u 运城 -p 20 -d 2022-06-23 -n "碳达峰实施方案征求意见"
r 14 -u 省发展改革委 -p 15 -d 2022-06-20
r 16 -u 省工信厅 -p 18 -d 2022-06-22
"$jsj" indicator set 运城 2020 --gdp 2055.6 >/dev/null
"$jsj" indicator set 临汾 2020 --gdp 1505.2 >/dev/null
"$jsj" indicator set 运城 2021 --gdp 2410.0 --growth 9.1 >/dev/null
"$jsj" indicator set 临汾 2021 --gdp 1900.0 --growth 8.4 >/dev/null
"$jsj" problem add 9 -u 临汾 --text "机场连接线用地指标不足" --needs 省发展改革委 --major -d 2022-06-08 --due 2022-06-30 >/dev/null
"$jsj" problem add 5 -u 省商务厅 --text "推介活动经费尚未落实" -d 2022-06-15 --due 2022-07-31 >/dev/null
echo "$db"
