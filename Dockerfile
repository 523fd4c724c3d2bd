# cx in a container: the app on the built-in demo workspace.
#   scripts/docker-build.sh            # builds the wheel, then this image (tag cx-workbench)
#   docker run --rm -p 8501:8501 cx-workbench
#   docker run --rm -p 8501:8501 -v cx-data:/data cx-workbench    # keep workspaces in a volume
# The wheel is built outside (scripts/docker-build.sh) so the image holds exactly what
# `pip install cx-workbench` installs, with the versions CI tested (constraints.txt).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    CX_DATA_DIR=/data CX_WORKSPACE=demo

COPY constraints.txt /tmp/constraints.txt
COPY dist/*.whl /tmp/
RUN pip install -c /tmp/constraints.txt /tmp/*.whl && rm /tmp/*.whl /tmp/constraints.txt \
    && useradd --create-home --uid 1000 cx && mkdir -p /data && chown cx /data

USER cx
WORKDIR /home/cx
# The demo is built into the image, so the first page opens at once (a volume on /data starts as a copy).
RUN cx-workbench demo
VOLUME /data
EXPOSE 8501
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health')"
CMD ["cx-workbench", "app", "--server.address", "0.0.0.0", "--server.port", "8501"]
