#!/usr/bin/env bash
# Installs the Debian packages gongkai needs when they are missing, or says which to install.
set -u
missing=()
fc-list 2>/dev/null | grep -q "Noto Serif CJK" || missing+=(fonts-noto-cjk)
command -v chromium >/dev/null || missing+=(chromium)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
command -v fc-list >/dev/null || missing+=(fontconfig)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "gongkai: installing Debian packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO=sudo; else
    echo "gongkai: 缺少系统软件包，请以 root 身份运行：apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
else SUDO=""; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || {
  echo "gongkai: apt-get could not install ${missing[*]}; install them by hand and run make again" >&2
  exit 1
}
