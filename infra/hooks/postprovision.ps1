# azd postprovision hook (windows): writes local.settings.json at the repository root from the
# outputs of infra/main.bicep (`azd env get-values`). Same content as postprovision.sh; see the
# comments there for why the local values differ from the app settings in Azure (runtime setting,
# no managed-identity credential, local consumer group, Azurite for host storage).
# Keep the names in sync with infra/app/api.bicep (InfraSettingsTest checks it).
$ErrorActionPreference = 'Stop'

$rootDir = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path
$target = Join-Path $rootDir 'local.settings.json'

$envValues = @{}
foreach ($line in (azd env get-values)) {
    if ($line -match '^([^=]+)=(.*)$') {
        $envValues[$Matches[1]] = $Matches[2].Trim('"')
    }
}
function Get-Value([string] $name) {
    if ($envValues.ContainsKey($name)) { return $envValues[$name] } else { return '' }
}

if (Test-Path $target) {
    Copy-Item $target "$target.bak" -Force
    Write-Host 'postprovision: kept the previous local.settings.json as local.settings.json.bak'
}

$values = [ordered]@{
    'FUNCTIONS_WORKER_RUNTIME'                     = 'java'
    'AzureWebJobsStorage'                          = 'UseDevelopmentStorage=true'
    'APPLICATIONINSIGHTS_CONNECTION_STRING'        = Get-Value 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    'EVENTHUB_NAME'                                = Get-Value 'EVENTHUB_NAME'
    'EVENTHUB_CONSUMER_GROUP'                      = Get-Value 'EVENTHUB_LOCAL_CONSUMER_GROUP'
    'EVENTHUB_CONNECTION__fullyQualifiedNamespace' = Get-Value 'EVENTHUB_CONNECTION__fullyQualifiedNamespace'
    'COSMOS_ENDPOINT'                              = Get-Value 'COSMOS_ENDPOINT'
    'COSMOS_DATABASE'                              = Get-Value 'COSMOS_DATABASE'
    'ARCHIVE_BLOB_ENDPOINT'                        = Get-Value 'ARCHIVE_BLOB_ENDPOINT'
    'AZURE_CLIENT_ID'                              = ''
    'CONTENT_MODE'                                 = Get-Value 'CONTENT_MODE'
    'CONTENT_INLINE_MAX_BYTES'                     = Get-Value 'CONTENT_INLINE_MAX_BYTES'
    'SWEEP_SCHEDULE'                               = Get-Value 'SWEEP_SCHEDULE'
    'SWEEP_GRACE_MINUTES'                          = Get-Value 'SWEEP_GRACE_MINUTES'
    'PRICE_TABLE_PATH'                             = Get-Value 'PRICE_TABLE_PATH'
    'LARGE_PROMPT_TOKENS'                          = Get-Value 'LARGE_PROMPT_TOKENS'
    'APIM_LLM_LOG_MAX_BYTES'                       = Get-Value 'APIM_LLM_LOG_MAX_BYTES'
}

[ordered]@{ 'IsEncrypted' = $false; 'Values' = $values } |
    ConvertTo-Json -Depth 5 |
    Out-File -FilePath $target -Encoding utf8

Write-Host "postprovision: wrote $target"
Write-Host "postprovision: function app $(Get-Value 'AZURE_FUNCTION_APP_NAME'), lookup API $(Get-Value 'AZURE_FUNCTION_APP_URL')"
