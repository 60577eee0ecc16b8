"""One Temporal dev server for the test session, and a namespace of its own for each test that
runs plans on it: nothing one test starts (plans, the mailbox reader's workflow, the digest, the
list the CLI reads) is seen by another, and no test waits for a server of its own to start and
stop. Started with the SDK's `WorkflowEnvironment.start_local`, configured as `mutualplan dev`
configures its own (the search attributes; activities handed out eagerly): what the dev stack
adds by hand (a pid file, dying with a killed parent: mutualplan/devstack/temporal.py) a test
session does not need. Tests that stop or restart Temporal run a server of their own."""

from __future__ import annotations

import uuid

from google.protobuf.duration_pb2 import Duration
from temporalio.api.enums.v1 import IndexedValueType
from temporalio.api.operatorservice.v1 import AddSearchAttributesRequest
from temporalio.api.workflowservice.v1 import RegisterNamespaceRequest
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from mutualplan import search_attributes as sa
from mutualplan.devstack.ports import free_port
from mutualplan.devstack.temporal import DYNAMIC_CONFIG, temporal_cli

RETENTION = Duration(seconds=24 * 3600)  # the shortest Temporal allows; the server is thrown away


async def start_dev_server() -> WorkflowEnvironment:
    return await WorkflowEnvironment.start_local(
        ip="127.0.0.1",
        port=free_port(),
        data_converter=pydantic_data_converter,
        search_attributes=sa.ALL,
        dev_server_existing_path=str(temporal_cli()),
        dev_server_log_level="error",
        dev_server_extra_args=list(DYNAMIC_CONFIG),
    )


def address_of(env: WorkflowEnvironment) -> str:
    return env.client.service_client.config.target_host


async def new_namespace(env: WorkflowEnvironment) -> str:
    """A namespace of its own on the server, with the plans' search attributes registered."""
    name = f"test-{uuid.uuid4().hex[:12]}"
    await env.client.workflow_service.register_namespace(
        RegisterNamespaceRequest(namespace=name, workflow_execution_retention_period=RETENTION)
    )
    client = await Client.connect(address_of(env), namespace=name)
    await register_search_attributes(client)
    return name


async def register_search_attributes(client: Client) -> None:
    await client.operator_service.add_search_attributes(
        AddSearchAttributesRequest(
            namespace=client.namespace,
            search_attributes={
                key.name: IndexedValueType.ValueType(key.indexed_value_type) for key in sa.ALL
            },
        )
    )
