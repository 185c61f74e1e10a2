#!/usr/bin/env bash
# Builds Weft's chaincode images locally, pulling nothing from any registry:
#   weft/javaenv          FROM scratch + a jlink'd JRE of the local JDK + the C libraries it links against
#   weft/javaenv-builder  FROM scratch + the local JDK + Maven + the same libraries (compiles Maven chaincode projects;
#                         its Maven: $MAVEN_HOME, else the one the Maven wrapper downloaded, else mvn on PATH)
# Usage: docker/build-images.sh [javaenv|javaenv-builder|all]   (default: all)
# Env:   JAVA_HOME (default: the JDK of `javac` on PATH), WEFT_IMAGE_TAG (default: latest), DOCKER (default: docker)
set -euo pipefail

what=${1:-all}
repo=$(cd "$(dirname "$0")/.." && pwd)
tag=${WEFT_IMAGE_TAG:-latest}
docker_cmd=${DOCKER:-docker}

if [ -z "${JAVA_HOME:-}" ]; then
    JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
fi
[ -x "$JAVA_HOME/bin/jlink" ] || { echo "build-images: no jlink in JAVA_HOME=$JAVA_HOME" >&2; exit 1; }
"$docker_cmd" info >/dev/null 2>&1 || { echo "build-images: no Docker engine reachable (is dockerd running?)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Copies the shared libraries a set of ELF files needs (as ldd resolves them here) into ROOT, keeping their paths.
copy_libraries() {
    local root=$1; shift
    local lib
    for lib in $(for f in "$@"; do ldd "$f" 2>/dev/null || true; done \
            | awk '/=> \// {print $3} /^\s*\/.*ld-linux/ {print $1}' | sort -u); do
        mkdir -p "$root$(dirname "$lib")"
        cp -L "$lib" "$root$lib"
    done
    # the dynamic loader must also be found under the path the executables ask for
    if [ -e /lib64/ld-linux-x86-64.so.2 ]; then
        mkdir -p "$root/lib64"
        cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/"
    fi
    if [ -e /lib/ld-linux-aarch64.so.1 ]; then
        mkdir -p "$root/lib"
        cp -L /lib/ld-linux-aarch64.so.1 "$root/lib/"
    fi
}

# Copies a directory with its symlinks resolved, leaving out dangling ones (Debian's JDK links src.zip and friends).
copy_tree() {
    mkdir -p "$2"
    (cd "$1" && find -L . -type f -print0 | tar --null -chf - -T -) | (cd "$2" && tar -xf -)
}

# docker build, quiet unless it fails
docker_build() {
    local log=$work/build.log
    if ! "$docker_cmd" build -t "$1" "$2" > "$log" 2>&1; then
        cat "$log" >&2
        echo "build-images: docker build of $1 failed" >&2
        exit 1
    fi
}

# Files every image needs besides Java: name resolution for 127.0.0.1/localhost, a writable /tmp.
base_files() {
    local root=$1
    mkdir -p "$root/etc" "$root/tmp" "$root/chaincode"
    chmod 1777 "$root/tmp"
    printf '127.0.0.1 localhost\n::1 localhost\n' > "$root/etc/hosts"
    printf 'hosts: files dns\n' > "$root/etc/nsswitch.conf"
    printf 'root:x:0:0:root:/:/sbin/nologin\nchaincode:x:1000:1000:chaincode:/chaincode:/sbin/nologin\n' > "$root/etc/passwd"
    printf 'root:x:0:\nchaincode:x:1000:\n' > "$root/etc/group"
    chown 1000:1000 "$root/chaincode"
}

build_javaenv() {
    local root=$work/javaenv/rootfs
    mkdir -p "$root/opt"
    "$JAVA_HOME/bin/jlink" \
        --add-modules java.base,java.logging,java.naming,java.management,java.xml,java.net.http,java.sql,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,jdk.management \
        --strip-debug --no-header-files --no-man-pages --compress=2 \
        --output "$root/opt/java"
    # Debian's JDK links its CA store from /etc; the image keeps a real copy
    if [ -L "$JAVA_HOME/lib/security/cacerts" ] || [ -f "$JAVA_HOME/lib/security/cacerts" ]; then
        rm -f "$root/opt/java/lib/security/cacerts"
        cp -L "$JAVA_HOME/lib/security/cacerts" "$root/opt/java/lib/security/cacerts" 2>/dev/null || true
    fi
    copy_libraries "$root" "$root/opt/java/bin/java" $(find "$root/opt/java/lib" -name '*.so')
    base_files "$root"
    cat > "$work/javaenv/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY rootfs/ /
ENV PATH=/opt/java/bin JAVA_HOME=/opt/java LANG=C.UTF-8
WORKDIR /chaincode
USER 1000:1000
ENTRYPOINT ["/opt/java/bin/java"]
DOCKERFILE
    docker_build "weft/javaenv:$tag" "$work/javaenv"
    echo "built weft/javaenv:$tag ($("$docker_cmd" image inspect -f '{{.Size}}' "weft/javaenv:$tag") bytes)"
}

# The builder's Maven: $MAVEN_HOME; else the version this project's Maven wrapper downloaded (the Maven that filled
# ~/.m2/repository while building Weft, so chaincode builds that read that repository find every plugin dependency
# offline: another Maven version asks for a few others); else the mvn on PATH.
find_maven_home() {
    if [ -n "${MAVEN_HOME:-}" ] && [ -x "$MAVEN_HOME/bin/mvn" ]; then
        echo "$MAVEN_HOME"
        return 0
    fi
    local version dist mvn
    version=$(sed -n 's|^distributionUrl=.*/apache-maven-\([0-9.]*\)-bin\.zip$|\1|p' \
        "$repo/.mvn/wrapper/maven-wrapper.properties" 2>/dev/null || true)
    if [ -n "$version" ]; then
        for dist in "${MAVEN_USER_HOME:-$HOME/.m2}/wrapper/dists/apache-maven-$version"/*/; do
            if [ -x "${dist}bin/mvn" ]; then
                echo "${dist%/}"
                return 0
            fi
        done
    fi
    mvn=$(command -v mvn || true)
    if [ -n "$mvn" ]; then
        dirname "$(dirname "$(readlink -f "$mvn")")"
        return 0
    fi
    return 1
}

build_builder() {
    local root=$work/builder/rootfs
    local maven_home
    maven_home=$(find_maven_home) || {
        echo "build-images: javaenv-builder needs Maven: set MAVEN_HOME, run ./mvnw once (its Maven is used), or put" \
            "mvn on PATH" >&2
        exit 1
    }
    echo "build-images: javaenv-builder with the Maven in $maven_home"
    mkdir -p "$root/opt"
    copy_tree "$JAVA_HOME" "$root/opt/jdk"
    copy_tree "$maven_home" "$root/opt/maven"
    copy_libraries "$root" "$root/opt/jdk/bin/java" "$root/opt/jdk/bin/javac" $(find "$root/opt/jdk/lib" -name '*.so')
    # Maven 3.9's console library (jansi) loads a native library from its jar, which needs libutil
    local jansi
    mkdir -p "$work/jansi"
    for jansi in "$root"/opt/maven/lib/jansi-*.jar; do
        if [ -f "$jansi" ]; then
            (cd "$work/jansi" && "$JAVA_HOME/bin/jar" xf "$jansi" org/fusesource/jansi/internal/native)
        fi
    done
    copy_libraries "$root" $(find "$work/jansi" -path '*/Linux/*' -name '*.so')
    mkdir -p "$root/bin"
    # Maven's launcher is a shell script; the builder gets the host's shell and the few tools it calls
    for tool in sh bash dirname basename uname readlink expr sed cat tr; do
        local path
        path=$(command -v "$tool" || true)
        [ -n "$path" ] || continue
        cp -L "$path" "$root/bin/$tool"
        copy_libraries "$root" "$path"
    done
    base_files "$root"
    cat > "$work/builder/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY rootfs/ /
ENV PATH=/opt/jdk/bin:/opt/maven/bin:/bin JAVA_HOME=/opt/jdk MAVEN_HOME=/opt/maven LANG=C.UTF-8
WORKDIR /chaincode
DOCKERFILE
    docker_build "weft/javaenv-builder:$tag" "$work/builder"
    echo "built weft/javaenv-builder:$tag ($("$docker_cmd" image inspect -f '{{.Size}}' "weft/javaenv-builder:$tag") bytes)"
}

case $what in
    javaenv) build_javaenv ;;
    javaenv-builder) build_builder ;;
    all) build_javaenv; build_builder ;;
    *) echo "usage: $0 [javaenv|javaenv-builder|all]" >&2; exit 2 ;;
esac
