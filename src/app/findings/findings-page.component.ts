import { Component } from '@angular/core';
import { Strings } from '../../generated/strings';

@Component({
    selector: 'sme-findings-page',
    template: `<h2>{{ strings.title }}</h2>`
})
export class FindingsPageComponent {
    public readonly strings = MsftSme.getStrings<Strings>().HvtoolsReplicaFailoverIp;
}
