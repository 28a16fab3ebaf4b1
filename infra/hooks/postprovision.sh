#!/bin/sh
# azd postprovision hook (posix): writes local.settings.json at the repository root from the
# outputs of infra/main.bicep (`azd env get-values`), so a local Functions host runs against the
# Azure resources just provisioned, signed in with `az login` (the deploying user got the same
# data roles as the app when AZURE_PRINCIPAL_ID was set).
#
# Differences from the app settings in Azure, on purpose:
#  - FUNCTIONS_WORKER_RUNTIME=java: Flex Consumption takes the runtime from functionAppConfig,
#    a local host still needs the setting.
#  - No __credential/__clientId on identity connections and AZURE_CLIENT_ID empty: locally
#    DefaultAzureCredential uses the developer's sign-in, not the app's managed identity.
#  - EVENTHUB_CONSUMER_GROUP is the local consumer group, so a local host never takes partitions
#    (and checkpoints) from the deployed app.
#  - AzureWebJobsStorage uses Azurite (checkpoints of the local consumer group stay local).
# Keep the names in sync with infra/app/api.bicep (InfraSettingsTest checks it).
set -eu

root_dir=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
target="$root_dir/local.settings.json"
values=$(azd env get-values)

# Value of KEY from `azd env get-values` (lines KEY="value"); empty when absent.
get() {
  printf '%s\n' "$values" | sed -n "s/^$1=\"\{0,1\}\(.*\)\"\{0,1\}\$/\1/p" | sed 's/"$//' | tail -n 1
}

# JSON string escaping for backslash and double quote.
json() {
  printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g'
}

if [ -f "$target" ]; then
  cp "$target" "$target.bak"
  echo "postprovision: kept the previous local.settings.json as local.settings.json.bak"
fi

cat > "$target" <<JSON
{
  "IsEncrypted": false,
  "Values": {
    "FUNCTIONS_WORKER_RUNTIME": "java",
    "AzureWebJobsStorage": "UseDevelopmentStorage=true",
    "APPLICATIONINSIGHTS_CONNECTION_STRING": "$(json "$(get APPLICATIONINSIGHTS_CONNECTION_STRING)")",
    "EVENTHUB_NAME": "$(json "$(get EVENTHUB_NAME)")",
    "EVENTHUB_CONSUMER_GROUP": "$(json "$(get EVENTHUB_LOCAL_CONSUMER_GROUP)")",
    "EVENTHUB_CONNECTION__fullyQualifiedNamespace": "$(json "$(get EVENTHUB_CONNECTION__fullyQualifiedNamespace)")",
    "COSMOS_ENDPOINT": "$(json "$(get COSMOS_ENDPOINT)")",
    "COSMOS_DATABASE": "$(json "$(get COSMOS_DATABASE)")",
    "ARCHIVE_BLOB_ENDPOINT": "$(json "$(get ARCHIVE_BLOB_ENDPOINT)")",
    "AZURE_CLIENT_ID": "",
    "CONTENT_MODE": "$(json "$(get CONTENT_MODE)")",
    "CONTENT_INLINE_MAX_BYTES": "$(json "$(get CONTENT_INLINE_MAX_BYTES)")",
    "SWEEP_SCHEDULE": "$(json "$(get SWEEP_SCHEDULE)")",
    "SWEEP_GRACE_MINUTES": "$(json "$(get SWEEP_GRACE_MINUTES)")",
    "PRICE_TABLE_PATH": "$(json "$(get PRICE_TABLE_PATH)")",
    "LARGE_PROMPT_TOKENS": "$(json "$(get LARGE_PROMPT_TOKENS)")",
    "APIM_LLM_LOG_MAX_BYTES": "$(json "$(get APIM_LLM_LOG_MAX_BYTES)")"
  }
}
JSON

echo "postprovision: wrote $target"
echo "postprovision: function app $(get AZURE_FUNCTION_APP_NAME), lookup API $(get AZURE_FUNCTION_APP_URL)"
